package com.example.payments.schema.evolution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

/**
 * Checks, with Avro's own {@link SchemaCompatibility}, that a current schema can read
 * data written with every released version of it (BACKWARD, transitively): a consumer
 * built from this module must understand every record already on a topic.
 */
public final class SchemaEvolutionGuard {

	private final ReleasedSchemas released;

	/**
	 * Create a guard over the given released versions.
	 * @param released where the released versions are read from
	 */
	public SchemaEvolutionGuard(ReleasedSchemas released) {
		this.released = released;
	}

	/**
	 * Return every way in which a schema cannot read its released versions.
	 * @param current the candidate schema (usually a generated class's
	 * {@code getClassSchema()})
	 * @return the incompatible changes, empty if every released version can be read or
	 * none was released
	 */
	public List<IncompatibleChange> check(Schema current) {
		List<IncompatibleChange> changes = new ArrayList<>();
		for (ReleasedSchema version : this.released.versionsOf(current.getFullName())) {
			SchemaCompatibilityResult result = SchemaCompatibility
				.checkReaderWriterCompatibility(current, version.schema())
				.getResult();
			for (Incompatibility incompatibility : result.getIncompatibilities()) {
				changes.add(new IncompatibleChange(current.getFullName(), version.version(),
						incompatibility.getType().name(), incompatibility.getLocation(), detailOf(incompatibility)));
			}
		}
		return changes;
	}

	// For a missing union branch Avro says "reader union lacking writer type: RECORD" and
	// points at the writer's union plus the branch index; a person needs the branch name.
	private static String detailOf(Incompatibility incompatibility) {
		String message = incompatibility.getMessage();
		Schema writer = incompatibility.getWriterFragment();
		if (writer == null || writer.getType() != Schema.Type.UNION) {
			return message;
		}
		String location = incompatibility.getLocation();
		String last = location.substring(location.lastIndexOf('/') + 1);
		if (last.isEmpty() || !last.chars().allMatch(Character::isDigit)) {
			return message;
		}
		int index = Integer.parseInt(last);
		if (index >= writer.getTypes().size()) {
			return message;
		}
		Schema branch = writer.getTypes().get(index);
		boolean named = branch.getType() == Schema.Type.RECORD || branch.getType() == Schema.Type.ENUM
				|| branch.getType() == Schema.Type.FIXED;
		return named ? message + " " + branch.getFullName() : message;
	}

	/**
	 * Verify that every schema was released at least once and can read all its released
	 * versions.
	 * @param currents the top-level schemas to verify
	 * @throws SchemaEvolutionException listing every problem, if there is any
	 */
	public void verify(Collection<Schema> currents) {
		List<String> problems = new ArrayList<>();
		for (Schema current : currents) {
			if (this.released.versionsOf(current.getFullName()).isEmpty()) {
				problems.add(current.getFullName() + " has no released version; release v1 (see the schemas README)");
			}
			check(current).stream().map(IncompatibleChange::describe).forEach(problems::add);
		}
		if (!problems.isEmpty()) {
			throw new SchemaEvolutionException(problems);
		}
	}

}
