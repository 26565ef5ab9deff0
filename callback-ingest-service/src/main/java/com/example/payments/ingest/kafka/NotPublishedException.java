package com.example.payments.ingest.kafka;

import java.util.Locale;

/**
 * Events that Kafka did not acknowledge within the budget (or were not even sent): the
 * call is answered 503, and reconciliation finds the facts later. Some of the events may
 * still be written after the answer; their ids make that harmless.
 */
public class NotPublishedException extends RuntimeException {

	private final Cause cause;

	NotPublishedException(Cause cause, String message, Throwable detail) {
		super(message, detail);
		this.cause = cause;
	}

	/**
	 * Why the events were not published.
	 * @return the cause
	 */
	public Cause reason() {
		return this.cause;
	}

	/**
	 * Why events were not published.
	 */
	public enum Cause {

		/** Schemas or topic metadata not resolved yet (the service is not ready). */
		NOT_READY,

		/** Too many records await Kafka's acknowledgement; refused without sending. */
		OVERLOADED,

		/** Kafka did not acknowledge them within the budget. */
		TIMEOUT,

		/** Kafka or the serializer failed them. */
		KAFKA_ERROR;

		/**
		 * The metric tag.
		 * @return e.g. {@code timeout}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
