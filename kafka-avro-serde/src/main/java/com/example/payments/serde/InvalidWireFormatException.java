package com.example.payments.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's bytes are not Confluent-framed Avro: too short or an unknown magic byte.
 * Retrying cannot help; the record belongs in a dead-letter topic.
 */
public final class InvalidWireFormatException extends SerializationException {

	private final String topic;

	public InvalidWireFormatException(String topic, String reason) {
		super("Cannot deserialize record from topic '" + topic + "': " + reason);
		this.topic = topic;
	}

	public String topic() {
		return this.topic;
	}

}
