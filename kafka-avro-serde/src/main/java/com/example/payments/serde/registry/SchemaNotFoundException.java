package com.example.payments.serde.registry;

/**
 * The registry does not know the subject (40401), version (40402) or schema (40403) asked
 * for: an unknown schema id when reading, or a schema never registered under the subject
 * when {@code auto.register.schemas=false}.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {

	public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
		super(message, httpStatus, errorCode, null);
	}

	private SchemaNotFoundException(SchemaNotFoundException original, String topic, String subject) {
		super(original, topic, subject);
	}

	@Override
	public SchemaNotFoundException resolving(String topic, String subject) {
		return topic().isPresent() ? this : new SchemaNotFoundException(this, topic, subject);
	}

}
