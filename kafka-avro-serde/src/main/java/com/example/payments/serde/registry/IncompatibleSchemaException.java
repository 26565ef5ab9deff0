package com.example.payments.serde.registry;

/**
 * The registry refused to register a schema (HTTP 409) because it breaks the subject's
 * compatibility level. Fix the schema change or the level; retrying will not help.
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {

	public IncompatibleSchemaException(String message) {
		super(message, 409, 409, null);
	}

	private IncompatibleSchemaException(IncompatibleSchemaException original, String topic, String subject) {
		super(original, topic, subject);
	}

	@Override
	public IncompatibleSchemaException resolving(String topic, String subject) {
		return topic().isPresent() ? this : new IncompatibleSchemaException(this, topic, subject);
	}

}
