package com.example.payments.kafka.consumer;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Each dead letter is counted in {@value #DEAD_LETTERS_METRIC} and logged once at error
 * level; each retry of a waiting record is counted in {@value #RETRIES_METRIC} and logged
 * at warn level without a stack trace. Both have tags {@code topic} and {@code failure}
 * ({@code transient}, {@code configuration}, {@code poison}, {@code unclassified}).
 */
public class ClassifyingErrorHandler extends DefaultErrorHandler {

	/** The counter of records sent to a dead-letter topic. */
	public static final String DEAD_LETTERS_METRIC = "payments.consumer.dead.letters";

	/** The counter of failed attempts after which the same record is tried again. */
	public static final String RETRIES_METRIC = "payments.consumer.retries";

	private static final Logger logger = LoggerFactory.getLogger(ClassifyingErrorHandler.class);

	/**
	 * Create the handler.
	 * @param deadLetters where poison goes
	 * @param policy how failures are classified and backed off
	 * @param readiness told about configuration faults
	 * @param meters where dead letters are counted
	 */
	public ClassifyingErrorHandler(DeadLetterPublisher deadLetters, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, MeterRegistry meters) {
		super(deadLetters);
		setBackOffFunction((record, failure) -> policy.backOff(failure));
		// Whether a deserialization failure is retried depends on its cause: the policy
		// decides, not spring-kafka's default "never".
		removeClassification(DeserializationException.class);
		setCommitRecovered(true);
		// Our retry listener logs each failure once, briefly; no stack trace per retry.
		setLogLevel(KafkaException.Level.DEBUG);
		setRetryListeners(new Reporting(policy, readiness, meters));
	}

	/** Logs, counts and tells readiness about each failed delivery. */
	private static final class Reporting implements RetryListener {

		private final RecordFailurePolicy policy;

		private final ConfigurationFaultReadiness readiness;

		private final MeterRegistry meters;

		Reporting(RecordFailurePolicy policy, ConfigurationFaultReadiness readiness, MeterRegistry meters) {
			this.policy = policy;
			this.readiness = readiness;
			this.meters = meters;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
			RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
			if (verdict == RecordFailurePolicy.Verdict.POISON) {
				return;
			}
			count(RETRIES_METRIC, "Failed attempts after which the same record is tried again", record, verdict);
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
			count(DEAD_LETTERS_METRIC, "Records sent to a dead-letter topic", record, verdict);
			this.readiness.recovered(Thread.currentThread().getName());
		}

		private void count(String metric, String description, ConsumerRecord<?, ?> record,
				RecordFailurePolicy.Verdict verdict) {
			Counter.builder(metric)
				.description(description)
				.tag("topic", record.topic())
				.tag("failure", verdict.name().toLowerCase(Locale.ROOT))
				.register(this.meters)
				.increment();
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
