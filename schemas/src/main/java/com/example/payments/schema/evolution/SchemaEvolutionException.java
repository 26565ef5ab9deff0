package com.example.payments.schema.evolution;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a current schema cannot read data written with a released version, or a
 * top-level schema was never released.
 */
public class SchemaEvolutionException extends RuntimeException {

	private final List<String> problems;

	/**
	 * Create an exception listing every problem found.
	 * @param problems one description per problem
	 */
	public SchemaEvolutionException(List<String> problems) {
		super("Schema evolution check failed (a released version can no longer be read; "
				+ "make the change backward compatible, e.g. add fields with defaults and union branches at the end):"
				+ problems.stream()
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
