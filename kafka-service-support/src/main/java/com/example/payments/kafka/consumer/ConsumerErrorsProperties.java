package com.example.payments.kafka.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers wait out failures ({@code payments.kafka.errors.*}). Transient and
 * configuration failures retry the same record with exponential back-off and no limit;
 * failures this module cannot classify (an application's own exception) are retried
 * {@code unclassifiedAttempts} times in all, then dead-lettered.
 *
 * @param initialInterval the first wait before retrying a record
 * @param multiplier how much each wait grows over the previous one
 * @param maxInterval the longest wait; keep it well below the consumer's
 * {@code max.poll.interval.ms} (5 minutes by default), since a listener container sleeps
 * on its consumer thread
 * @param unclassifiedAttempts how often a record that fails with an unclassified
 * exception is tried before it goes to the dead-letter topic (at least 1)
 */
@ConfigurationProperties("payments.kafka.errors")
public record ConsumerErrorsProperties(@DefaultValue("1s") Duration initialInterval,
		@DefaultValue("2.0") double multiplier, @DefaultValue("30s") Duration maxInterval,
		@DefaultValue("3") int unclassifiedAttempts) {

	/** The longest back-off allowed: a listener sleeping longer would leave its group. */
	static final Duration MAX_ALLOWED_INTERVAL = Duration.ofMinutes(4);

	public ConsumerErrorsProperties {
		require(initialInterval != null && initialInterval.toMillis() > 0, "initial-interval",
				"must be a positive duration", initialInterval);
		require(multiplier >= 1.0, "multiplier", "must be at least 1.0", multiplier);
		require(maxInterval != null && maxInterval.compareTo(initialInterval) >= 0 && maxInterval
			.compareTo(MAX_ALLOWED_INTERVAL) <= 0, "max-interval", "must be between initial-interval and "
					+ MAX_ALLOWED_INTERVAL.toMinutes()
					+ " minutes (a listener sleeps on its consumer thread and must poll within max.poll.interval.ms)",
				maxInterval);
		require(unclassifiedAttempts >= 1, "unclassified-attempts", "must be at least 1", unclassifiedAttempts);
	}

	/**
	 * The defaults: 1 s doubling up to 30 s, unclassified failures tried 3 times.
	 * @return the default properties
	 */
	public static ConsumerErrorsProperties defaults() {
		return new ConsumerErrorsProperties(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 3);
	}

	private static void require(boolean valid, String name, String rule, Object value) {
		if (!valid) {
			throw new IllegalArgumentException("payments.kafka.errors." + name + " " + rule + ", was " + value);
		}
	}

}
