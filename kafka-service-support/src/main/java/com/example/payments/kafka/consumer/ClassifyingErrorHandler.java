package com.example.payments.kafka.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The listener containers' error handler: a spring-kafka {@link DefaultErrorHandler}
 * whose back-off and recovery follow {@link RecordFailurePolicy}.
 * <ul>
 * <li>transient and configuration failures, also inside a
 * {@link DeserializationException}, retry the same record with exponential back-off and
 * no limit: the partition waits, nothing is skipped or dead-lettered; configuration
 * faults also make the service not-ready ({@link ConfigurationFaultReadiness});</li>
 * <li>poison goes to {@code <topic>.dlt} at once ({@link DeadLetterPublisher});</li>
 * <li>unclassified (application) failures are tried {@code unclassified-attempts} times,
 * then dead-lettered.</li>
 * </ul>
 * Each dead letter is logged once at error level, each retry at warn level without a
 * stack trace; both are counted ({@link ConsumerFailureMetrics}).
 */
public class ClassifyingErrorHandler extends DefaultErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(ClassifyingErrorHandler.class);

	/**
	 * Create the handler.
	 * @param deadLetters where poison goes
	 * @param policy how failures are classified and backed off
	 * @param readiness told about configuration faults
	 * @param metrics where retries and dead letters are counted
	 */
	public ClassifyingErrorHandler(DeadLetterPublisher deadLetters, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {
		super(deadLetters);
		setBackOffFunction((record, failure) -> policy.backOff(failure));
		// Whether a deserialization failure is retried depends on its cause: the policy
		// decides, not spring-kafka's default "never".
		removeClassification(DeserializationException.class);
		setCommitRecovered(true);
		// Our retry listener logs each failure once, briefly; no stack trace per retry.
		setLogLevel(KafkaException.Level.DEBUG);
		setRetryListeners(new Reporting(policy, readiness, metrics));
	}

	/** Logs, counts and tells readiness about each failed delivery. */
	private static final class Reporting implements RetryListener {

		private final RecordFailurePolicy policy;

		private final ConfigurationFaultReadiness readiness;

		private final ConsumerFailureMetrics metrics;

		Reporting(RecordFailurePolicy policy, ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {
			this.policy = policy;
			this.readiness = readiness;
			this.metrics = metrics;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
			RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
			if (verdict == RecordFailurePolicy.Verdict.POISON) {
				return;
			}
			this.metrics.retried(record.topic(), verdict);
			if (verdict == RecordFailurePolicy.Verdict.CONFIGURATION) {
				this.readiness.failing(Thread.currentThread().getName(), rootOf(failure));
			}
			else {
				logger.warn("Retrying {}-{}@{} after a {} failure (attempt {}): {}", record.topic(), record.partition(),
						record.offset(), verdict, deliveryAttempt, rootOf(failure).getMessage());
			}
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
			RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
			logger.error("Sent {}-{}@{} to the dead-letter topic ({})", record.topic(), record.partition(),
					record.offset(), verdict, failure);
			this.metrics.deadLettered(record.topic(), verdict);
			this.readiness.recovered(Thread.currentThread().getName());
		}

		// The serde's exception carries the message worth logging; spring-kafka's
		// wrappers do not.
		private static Throwable rootOf(Throwable failure) {
			Throwable current = failure;
			while ((current instanceof ListenerExecutionFailedException || current instanceof DeserializationException)
					&& current.getCause() != null) {
				current = current.getCause();
			}
			return current;
		}

	}

}
