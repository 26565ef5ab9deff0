package com.example.payments.command.consumer;

import java.time.Duration;

/**
 * How a {@link KeyOrderedConsumer} runs.
 *
 * @param name the consumer's name, for logs, its thread and readiness
 * @param pollTimeout the longest one {@code poll} blocks; also how soon a stop is noticed
 * @param maxUnfinished records handed out and not finished (running or waiting behind
 * their key) above which every partition is paused; resumed at half of it
 * @param commitInterval how often finished offsets are committed (asynchronously; always
 * synchronously on revocation and on stop)
 * @param drainTimeout how long a revocation or a stop waits for running records to finish
 * before it gives them back uncommitted; below the group's {@code max.poll.interval.ms}
 */
public record KeyOrderedConsumerSettings(String name, Duration pollTimeout, int maxUnfinished, Duration commitInterval,
		Duration drainTimeout) {

	public KeyOrderedConsumerSettings {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		requirePositive(pollTimeout, "pollTimeout");
		requirePositive(commitInterval, "commitInterval");
		requirePositive(drainTimeout, "drainTimeout");
		if (maxUnfinished < 1) {
			throw new IllegalArgumentException("maxUnfinished must be at least 1, was " + maxUnfinished);
		}
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
