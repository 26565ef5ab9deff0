package com.example.payments.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels, decided by Avro's own {@link SchemaCompatibility}.
 * BACKWARD means the new schema can read data written with the old one; FORWARD the
 * reverse; FULL both. Non-transitive levels compare with the latest version only,
 * transitive ones with every version.
 */
public enum CompatibilityLevel {

	/**
	 * No check at all.
	 */
	NONE(false, false, false),

	/**
	 * The new schema can read data written with the latest version (the default).
	 */
	BACKWARD(true, false, false),

	/**
	 * The new schema can read data written with every version.
	 */
	BACKWARD_TRANSITIVE(true, false, true),

	/**
	 * The latest version can read data written with the new schema.
	 */
	FORWARD(false, true, false),

	/**
	 * Every version can read data written with the new schema.
	 */
	FORWARD_TRANSITIVE(false, true, true),

	/**
	 * Both BACKWARD and FORWARD against the latest version.
	 */
	FULL(true, true, false),

	/**
	 * Both BACKWARD and FORWARD against every version.
	 */
	FULL_TRANSITIVE(true, true, true);

	private final boolean backward;

	private final boolean forward;

	private final boolean transitive;

	CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
		this.backward = backward;
		this.forward = forward;
		this.transitive = transitive;
	}

	/**
	 * Parse a level name case-insensitively, as Confluent does.
	 * @param name the level name, e.g. {@code backward}
	 * @return the level
	 * @throws RegistryException 42203 if the name is not a level
	 */
	public static CompatibilityLevel parse(String name) {
		if (name != null) {
			for (CompatibilityLevel level : values()) {
				if (level.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
					return level;
				}
			}
		}
		throw RegistryException.invalidCompatibilityLevel(name);
	}

	static String names() {
		return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
	}

	/**
	 * Check a candidate against the versions already registered under a subject.
	 * @param candidate the schema being registered or tested
	 * @param previous the registered versions, oldest first
	 * @return one message per incompatibility, empty when compatible
	 */
	public List<String> incompatibilities(Schema candidate, List<SchemaVersion> previous) {
		if (this == NONE || previous.isEmpty()) {
			return List.of();
		}
		List<SchemaVersion> against = this.transitive ? previous : List.of(previous.get(previous.size() - 1));
		List<String> messages = new ArrayList<>();
		for (SchemaVersion old : against) {
			if (this.backward) {
				describe(messages, "BACKWARD", old.version(),
						SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()));
			}
			if (this.forward) {
				describe(messages, "FORWARD", old.version(),
						SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate));
			}
		}
		return messages;
	}

	private static void describe(List<String> messages, String direction, int version,
			SchemaCompatibility.SchemaPairCompatibility pair) {
		for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
			messages.add("{direction: " + direction + ", oldSchemaVersion: " + version + ", errorType: "
					+ incompatibility.getType() + ", location: " + incompatibility.getLocation() + ", description: "
					+ incompatibility.getMessage() + "}");
		}
	}

	/**
	 * A registered version of a subject, parsed.
	 *
	 * @param version the version number
	 * @param schema the parsed schema
	 */
	public record SchemaVersion(int version, Schema schema) {
	}

}
