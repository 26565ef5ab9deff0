package com.example.payments.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record names a schema id the registry does not know, and the registry does not know
 * the topic's subject either: it lost its state, or the consumer points at the wrong
 * registry. The record is not to blame (a healthy registry would know the subject), so
 * this is a configuration fault, not poison: consumers wait instead of dead-lettering
 * every record of the topic.
 */
public final class RegistryStateException extends SerializationException {

	private final String topic;

	private final String subject;

	private final int schemaId;

	public RegistryStateException(String topic, String subject, int schemaId, Throwable cause) {
		super("Cannot deserialize record from topic '" + topic + "': the schema registry knows neither schema id "
				+ schemaId + " nor the subject '" + subject
				+ "'; it lost its state or is not the registry this topic's producers use (" + cause.getMessage() + ")",
				cause);
		this.topic = topic;
		this.subject = subject;
		this.schemaId = schemaId;
	}

	public String topic() {
		return this.topic;
	}

	public String subject() {
		return this.subject;
	}

	public int schemaId() {
		return this.schemaId;
	}

}
