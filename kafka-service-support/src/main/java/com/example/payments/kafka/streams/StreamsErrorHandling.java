package com.example.payments.kafka.streams;

import java.util.Map;

import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the exception handlers need, handed to them through the Streams configuration
 * (Kafka Streams creates handlers by class name and passes them its configuration in
 * {@code configure}). The auto-configuration puts it under {@link #CONFIG}; without it
 * the handlers use the default policy and the global meter registry.
 *
 * @param policy the failure classification
 * @param metrics where dead letters are counted
 */
public record StreamsErrorHandling(RecordFailurePolicy policy, ConsumerFailureMetrics metrics) {

	/** The Streams configuration key holding this object. */
	public static final String CONFIG = "payments.streams.error-handling";

	static StreamsErrorHandling from(Map<String, ?> configs) {
		Object configured = configs.get(CONFIG);
		return (configured instanceof StreamsErrorHandling handling) ? handling
				: new StreamsErrorHandling(new RecordFailurePolicy(ConsumerErrorsProperties.defaults()),
						new ConsumerFailureMetrics(Metrics.globalRegistry));
	}

	StreamsDeadLetters deadLetters(Map<String, ?> configs) {
		return new StreamsDeadLetters(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)), this.metrics);
	}

}
