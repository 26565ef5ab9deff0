package com.example.payments.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record names a schema id the registry does not know (40403): written against another
 * registry, or the registry lost its state.
 */
public final class UnknownSchemaIdException extends SerializationException {

	private final String topic;

	private final int schemaId;

	public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
		super("Cannot deserialize record from topic '" + topic + "': schema id " + schemaId
				+ " is unknown to the schema registry (" + cause.getMessage() + ")", cause);
		this.topic = topic;
		this.schemaId = schemaId;
	}

	public String topic() {
		return this.topic;
	}

	public int schemaId() {
		return this.schemaId;
	}

}
