package com.example.payments.schema;

/**
 * Names of the payment topics and of their dead-letter topics. Every topic is keyed by
 * {@link PaymentKey} except {@link #PAYMENT_CONSENTS}, keyed by the Vipps user id.
 *
 * @see TopLevelSchemas#valueSchemaOf(String)
 */
public final class Topics {

	/** {@code PaymentCommand} values from order systems to payment-command-service. */
	public static final String PAYMENT_COMMANDS = "payments.commands.v1";

	/** {@code PaymentEvent} values: the merchant's durable record of each payment. */
	public static final String PAYMENT_EVENTS = "payments.events.v1";

	/** {@code ConsentRevoked} values, keyed by the Vipps user id. */
	public static final String PAYMENT_CONSENTS = "payments.consents.v1";

	/**
	 * {@code ExpressShippingRules} values; compacted, the latest rules per payment win.
	 */
	public static final String PAYMENT_SHIPPING_RULES = "payments.shipping-rules.v1";

	/** Suffix of every dead-letter topic: {@code <topic>.dlt}. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private Topics() {
	}

	/**
	 * Return the dead-letter topic of a topic, e.g. {@code payments.events.v1.dlt}.
	 * @param topic the topic whose records failed
	 * @return the topic that receives its poison records
	 * @throws IllegalArgumentException if the topic is blank or already a dead-letter
	 * topic (a record that fails in a DLT goes to people, not to a DLT of the DLT)
	 */
	public static String deadLetterTopicOf(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
		if (isDeadLetterTopic(topic)) {
			throw new IllegalArgumentException("'" + topic + "' is already a dead-letter topic");
		}
		return topic + DEAD_LETTER_SUFFIX;
	}

	/**
	 * Tell whether a topic is a dead-letter topic.
	 * @param topic the topic name
	 * @return {@code true} if it ends with {@value #DEAD_LETTER_SUFFIX}
	 */
	public static boolean isDeadLetterTopic(String topic) {
		return topic != null && topic.endsWith(DEAD_LETTER_SUFFIX);
	}

}
