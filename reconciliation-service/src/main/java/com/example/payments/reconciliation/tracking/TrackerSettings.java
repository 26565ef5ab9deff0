package com.example.payments.reconciliation.tracking;

import java.time.Duration;

/**
 * How the tracker's punctuator works.
 *
 * @param tickInterval how often it takes results and hands out due checks (wall-clock)
 * @param checkTimeout how long a handed-out check may take before it is handed out again
 * (its lease); longer than a {@code /details} read and the offsets barrier together
 * @param maxChecksPerTick the most checks one task hands out in one tick
 * @param maxPurgesPerTick the most closed payments one task forgets in one tick
 * @param backlogInterval how often a task counts its due backlog for the gauge
 */
public record TrackerSettings(Duration tickInterval, Duration checkTimeout, int maxChecksPerTick, int maxPurgesPerTick,
		Duration backlogInterval) {

	public TrackerSettings {
		if (tickInterval == null || tickInterval.toMillis() < 1) {
			throw new IllegalArgumentException("tick-interval must be at least 1 ms, was " + tickInterval);
		}
		if (checkTimeout == null || checkTimeout.toMillis() < 1) {
			throw new IllegalArgumentException("check-timeout must be positive, was " + checkTimeout);
		}
		if (maxChecksPerTick < 1 || maxPurgesPerTick < 1) {
			throw new IllegalArgumentException("max checks and purges per tick must be at least 1");
		}
		if (backlogInterval == null || backlogInterval.isNegative()) {
			throw new IllegalArgumentException("backlog-interval must not be negative, was " + backlogInterval);
		}
	}

}
