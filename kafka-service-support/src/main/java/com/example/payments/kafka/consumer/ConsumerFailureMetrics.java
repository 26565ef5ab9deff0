package com.example.payments.kafka.consumer;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of records that wait and of records dead-lettered, the same for listener
 * containers and Kafka Streams. Tags: {@code topic} and {@code failure} (the
 * {@link RecordFailurePolicy.Verdict} in lower case); never an order id.
 */
public final class ConsumerFailureMetrics {

	/** Failed attempts after which the same record is tried again. */
	public static final String RETRIES = "payments.consumer.retries";

	/** Records sent to a dead-letter topic. */
	public static final String DEAD_LETTERS = "payments.consumer.dead.letters";

	private final MeterRegistry meters;

	public ConsumerFailureMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Count an attempt after which the record will be tried again.
	 * @param topic the record's topic
	 * @param verdict why it failed
	 */
	public void retried(String topic, RecordFailurePolicy.Verdict verdict) {
		count(RETRIES, "Failed attempts after which the same record is tried again", topic, verdict);
	}

	/**
	 * Count a record sent to its dead-letter topic.
	 * @param topic the record's topic
	 * @param verdict why it failed
	 */
	public void deadLettered(String topic, RecordFailurePolicy.Verdict verdict) {
		count(DEAD_LETTERS, "Records sent to a dead-letter topic", topic, verdict);
	}

	private void count(String metric, String description, String topic, RecordFailurePolicy.Verdict verdict) {
		Counter.builder(metric)
			.description(description)
			.tag("topic", topic)
			.tag("failure", verdict.name().toLowerCase(Locale.ROOT))
			.register(this.meters)
			.increment();
	}

}
