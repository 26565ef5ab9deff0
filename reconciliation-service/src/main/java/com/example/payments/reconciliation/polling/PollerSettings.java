package com.example.payments.reconciliation.polling;

import java.time.Duration;

/**
 * The poller's budgets.
 *
 * @param callsPerMinutePerMsn the most {@code /details} calls per sales unit in any
 * minute (this instance)
 * @param maxConcurrencyPerMsn the most calls of one sales unit in flight at once
 * @param maxInFlight the most calls in flight at once, over all sales units
 * @param barrierTimeout how long an answer may wait for the tracker to have read every
 * event and command written before it; after that the check is repeated
 * @param barrierPollInterval how often the barrier looks at the committed offsets
 */
public record PollerSettings(int callsPerMinutePerMsn, int maxConcurrencyPerMsn, int maxInFlight,
		Duration barrierTimeout, Duration barrierPollInterval) {

	public PollerSettings {
		if (callsPerMinutePerMsn < 1 || maxConcurrencyPerMsn < 1 || maxInFlight < 1) {
			throw new IllegalArgumentException("the per-MSN budget, concurrency and max-in-flight must be at least 1");
		}
		if (barrierTimeout == null || barrierTimeout.toMillis() < 1 || barrierPollInterval == null
				|| barrierPollInterval.toMillis() < 1) {
			throw new IllegalArgumentException("the barrier timeout and poll interval must be positive");
		}
	}

}
