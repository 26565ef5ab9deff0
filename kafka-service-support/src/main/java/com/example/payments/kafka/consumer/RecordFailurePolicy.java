package com.example.payments.kafka.consumer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import com.example.payments.serde.FailureClass;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What to do with a record whose processing failed: the failure's class and how long to
 * wait between attempts. The serde's {@link FailureClass} decides for serialization and
 * registry failures; a Kafka {@link RetriableException} anywhere in the cause chain (a
 * broker timeout while the listener produced) is transient; anything else is an
 * {@linkplain Verdict#UNCLASSIFIED application failure}.
 */
public final class RecordFailurePolicy {

	private final ConsumerErrorsProperties properties;

	public RecordFailurePolicy(ConsumerErrorsProperties properties) {
		this.properties = properties;
	}

	/**
	 * Classify a failure.
	 * @param failure the exception, as thrown or as wrapped by spring-kafka
	 * @return the verdict
	 */
	public Verdict classify(Throwable failure) {
		return FailureClass.of(failure)
			.map(Verdict::of)
			.orElseGet(() -> isRetriable(failure) ? Verdict.TRANSIENT : Verdict.UNCLASSIFIED);
	}

	/**
	 * The back-off for a failure: unlimited for transient and configuration failures,
	 * none for poison (dead-letter at once), {@code unclassifiedAttempts} attempts for
	 * the rest.
	 * @param failure the exception
	 * @return the back-off to retry the same record with
	 */
	public BackOff backOff(Throwable failure) {
		return switch (classify(failure)) {
			case TRANSIENT, CONFIGURATION -> exponential(Integer.MAX_VALUE);
			case POISON -> new FixedBackOff(0, 0);
			case UNCLASSIFIED -> exponential(this.properties.unclassifiedAttempts() - 1);
		};
	}

	private ExponentialBackOff exponential(int retries) {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.initialInterval().toMillis(),
				this.properties.multiplier());
		backOff.setMaxInterval(this.properties.maxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(retries);
		return backOff;
	}

	private static boolean isRetriable(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			if (current instanceof RetriableException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The serde's three classes plus the failures neither the serde nor Kafka classify.
	 */
	public enum Verdict {

		/** Wait and retry the same record without limit. */
		TRANSIENT,

		/** Wait and retry without limit, and report not-ready until it clears. */
		CONFIGURATION,

		/** Dead-letter the record at once. */
		POISON,

		/** An application failure: retry a few times, then dead-letter. */
		UNCLASSIFIED;

		static Verdict of(FailureClass failureClass) {
			return switch (failureClass) {
				case TRANSIENT -> TRANSIENT;
				case CONFIGURATION -> CONFIGURATION;
				case POISON -> POISON;
			};
		}

		/**
		 * Whether a record failing this way waits (the partition stops) rather than goes
		 * to the dead-letter topic.
		 * @return {@code true} for transient and configuration failures
		 */
		public boolean waits() {
			return this == TRANSIENT || this == CONFIGURATION;
		}

	}

}
