package com.example.payments.schema.evolution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

/**
 * Checks, with Avro's own {@link SchemaCompatibility}, the rule of ADR 0006 against every
 * released version of a schema (transitively):
 * <ul>
 * <li>BACKWARD: the current schema reads data written with every released version (a
 * consumer built from this module understands every record already on a topic);</li>
 * <li>FORWARD, but for new types: every released version reads data written with the
 * current schema (consumers that cannot upgrade first, such as fulfilment, keep working),
 * except that a record type may be added to a union of several record types (such as
 * {@code PaymentEvent.event}). The serde reads such a record as an unknown type inside
 * the old envelope, and the shared consumer setup skips and counts it.</li>
 * </ul>
 * Anything else a released reader cannot read (a new branch in an optional field's union,
 * a removed field without a default, an existing type changed beyond what its old readers
 * can read) is reported.
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
			for (Incompatibility incompatibility : incompatibilities(current, version.schema())) {
				changes.add(change(IncompatibleChange.Direction.BACKWARD, current, version, incompatibility));
			}
			for (Incompatibility incompatibility : incompatibilities(version.schema(), current)) {
				if (!isNewTypeInMultiTypeUnion(incompatibility)) {
					changes.add(change(IncompatibleChange.Direction.FORWARD, current, version, incompatibility));
				}
			}
		}
		return changes;
	}

	private static List<Incompatibility> incompatibilities(Schema reader, Schema writer) {
		SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
			.getResult();
		return result.getIncompatibilities();
	}

	private static IncompatibleChange change(IncompatibleChange.Direction direction, Schema current,
			ReleasedSchema version, Incompatibility incompatibility) {
		return new IncompatibleChange(direction, current.getFullName(), version.version(),
				incompatibility.getType().name(), incompatibility.getLocation(), detailOf(incompatibility));
	}

	// The one forward incompatibility ADR 0006 allows: the writer's union has a record
	// type that no branch of the (older) reader's union has by name, and the reader's
	// union holds several types, so the serde can read the new one as unknown and keep
	// the envelope. A branch the reader has by name but can no longer read is not new.
	private static boolean isNewTypeInMultiTypeUnion(Incompatibility incompatibility) {
		if (incompatibility.getType() != SchemaCompatibility.SchemaIncompatibilityType.MISSING_UNION_BRANCH) {
			return false;
		}
		Schema reader = incompatibility.getReaderFragment();
		Schema branch = writerBranch(incompatibility);
		if (reader == null || reader.getType() != Schema.Type.UNION || branch == null
				|| branch.getType() != Schema.Type.RECORD) {
			return false;
		}
		long types = reader.getTypes().stream().filter((type) -> type.getType() != Schema.Type.NULL).count();
		boolean known = reader.getTypes()
			.stream()
			.anyMatch((type) -> type.getType() == Schema.Type.RECORD
					&& (type.getFullName().equals(branch.getFullName()) || type.getName().equals(branch.getName())));
		return types > 1 && !known;
	}

	// The writer's union branch an incompatibility points at (its location ends with the
	// branch index), or null.
	private static Schema writerBranch(Incompatibility incompatibility) {
		Schema writer = incompatibility.getWriterFragment();
		if (writer == null || writer.getType() != Schema.Type.UNION) {
			return null;
		}
		String location = incompatibility.getLocation();
		String last = location.substring(location.lastIndexOf('/') + 1);
		if (last.isEmpty() || !last.chars().allMatch(Character::isDigit)) {
			return null;
		}
		int index = Integer.parseInt(last);
		return (index < writer.getTypes().size()) ? writer.getTypes().get(index) : null;
	}

	// For a missing union branch Avro says "reader union lacking writer type: RECORD" and
	// points at the writer's union plus the branch index; a person needs the branch name.
	private static String detailOf(Incompatibility incompatibility) {
		String message = incompatibility.getMessage();
		Schema branch = writerBranch(incompatibility);
		if (branch == null) {
			return message;
		}
		boolean named = branch.getType() == Schema.Type.RECORD || branch.getType() == Schema.Type.ENUM
				|| branch.getType() == Schema.Type.FIXED;
		return named ? message + " " + branch.getFullName() : message;
	}

	/**
	 * Verify that every schema was released at least once and keeps the rule with all its
	 * released versions.
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
