package com.example.payments.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * {@code specific.avro.reader=true} but no generated class matches the writer schema's
 * full name (or the class found is not a SpecificRecord). Add the schemas artifact that
 * holds it, or set {@code specific.avro.value.type} / {@code specific.avro.key.type}.
 */
public final class ReaderClassNotFoundException extends SerializationException {

	private final String topic;

	private final int schemaId;

	private final String className;

	public ReaderClassNotFoundException(String topic, int schemaId, String className, Throwable cause) {
		super("Cannot deserialize record from topic '" + topic + "' (schema id " + schemaId
				+ "): no SpecificRecord class '" + className
				+ "' on the classpath; add the generated class or set specific.avro.value.type / specific.avro.key.type",
				cause);
		this.topic = topic;
		this.schemaId = schemaId;
		this.className = className;
	}

	public String topic() {
		return this.topic;
	}

	public int schemaId() {
		return this.schemaId;
	}

	public String className() {
		return this.className;
	}

}
