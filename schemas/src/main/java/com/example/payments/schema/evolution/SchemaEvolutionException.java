package com.example.payments.schema.evolution;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a current schema breaks the evolution rule with a released version (see
 * {@link SchemaEvolutionGuard}), or a top-level schema was never released.
 */
public class SchemaEvolutionException extends RuntimeException {

	private final List<String> problems;

	/**
	 * Create an exception listing every problem found.
	 * @param problems one description per problem
	 */
	public SchemaEvolutionException(List<String> problems) {
		super("Schema evolution check failed (the current schema and a released version must read each other's data, "
				+ "except that old readers skip a new record type in a union of several; add fields with defaults, "
				+ "add event or command types at the end of their union, see ADR 0006):" + problems.stream()
					.collect(Collectors.joining(System.lineSeparator() + " - ", System.lineSeparator() + " - ", "")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the problems found.
	 * @return one description per problem
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
