package com.example.payments.schema.evolution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.schema.TopLevelSchemas;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * Releases the current top-level schemas: for each one that differs from its latest
 * released version, writes the next {@code v<N>.avsc}, after checking it can read every
 * released version. Run it when a schema change is merged and before anything produces
 * with it:
 *
 * <pre>
 * ./mvnw -B -ntp -pl schemas compile exec:java
 * </pre>
 *
 * (the directory argument, {@code src/main/avro-released}, is set in the module's pom).
 */
public final class SchemaRelease {

	private SchemaRelease() {
	}

	/**
	 * Release every changed top-level schema.
	 * @param args the released-schemas directory
	 * @throws IOException if a file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			throw new IllegalArgumentException("usage: SchemaRelease <released-schemas directory>");
		}
		for (Outcome outcome : releaseAll(Path.of(args[0]), TopLevelSchemas.all())) {
			System.out.println(outcome.describe());
		}
	}

	/**
	 * Release every changed schema; nothing is written unless all of them are compatible.
	 * @param directory the released-schemas directory
	 * @param currents the current top-level schemas
	 * @return what happened to each schema
	 * @throws SchemaEvolutionException if any schema cannot read its released versions
	 * @throws IOException if a file cannot be written
	 */
	public static List<Outcome> releaseAll(Path directory, List<Schema> currents) throws IOException {
		ReleasedSchemas released = ReleasedSchemas.fromDirectory(directory);
		List<String> problems = new ArrayList<>();
		SchemaEvolutionGuard guard = new SchemaEvolutionGuard(released);
		for (Schema current : currents) {
			guard.check(current).stream().map(IncompatibleChange::describe).forEach(problems::add);
		}
		if (!problems.isEmpty()) {
			throw new SchemaEvolutionException(problems);
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (Schema current : currents) {
			outcomes.add(release(directory, released.versionsOf(current.getFullName()), current));
		}
		return outcomes;
	}

	private static Outcome release(Path directory, List<ReleasedSchema> versions, Schema current) throws IOException {
		if (!versions.isEmpty()) {
			ReleasedSchema latest = versions.get(versions.size() - 1);
			// Schema.equals ignores docs: a doc-only edit needs no new version.
			if (latest.schema().equals(current)) {
				return new Outcome(current.getFullName(), latest.version(), false);
			}
		}
		int version = versions.size() + 1;
		Path file = directory.resolve(ReleasedSchemas.relativePathOf(current.getFullName(), version));
		Files.createDirectories(file.getParent());
		Files.writeString(file, SchemaFormatter.format("json/pretty", current) + System.lineSeparator(),
				StandardCharsets.UTF_8);
		return new Outcome(current.getFullName(), version, true);
	}

	/**
	 * What the release did for one schema.
	 *
	 * @param fullName the schema's full name
	 * @param version the latest released version after the release
	 * @param written whether this release wrote that version
	 */
	public record Outcome(String fullName, int version, boolean written) {

		/**
		 * Describe the outcome.
		 * @return e.g. {@code released ...PaymentEvent v2}
		 */
		public String describe() {
			return (this.written ? "released " : "unchanged ") + this.fullName + " v" + this.version;
		}

	}

}
