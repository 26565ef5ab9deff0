package com.example.payments.reconciliation.domain;

import java.time.Duration;

/**
 * At most {@code limit} events in any window of {@code window}: the times of the last
 * {@code limit} events are kept in a ring, and a new one is allowed only when the oldest
 * of them has left the window. Exact, unlike a token bucket, whose burst would let a
 * minute hold more than the budget. Thread-safe.
 */
public final class SlidingWindowLimit {

	private final int limit;

	private final long windowMillis;

	private final long[] times;

	private int head;

	private int size;

	/**
	 * Create a limit.
	 * @param limit the most events in one window (at least 1)
	 * @param window the window
	 */
	public SlidingWindowLimit(int limit, Duration window) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		if (window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("window must be positive, was " + window);
		}
		this.limit = limit;
		this.windowMillis = window.toMillis();
		this.times = new long[limit];
	}

	/**
	 * Take one event now, if the window has room.
	 * @param nowMillis now
	 * @return whether it was taken
	 */
	public synchronized boolean tryAcquire(long nowMillis) {
		if (available(nowMillis) == 0) {
			return false;
		}
		this.times[(this.head + this.size) % this.limit] = nowMillis;
		this.size++;
		return true;
	}

	/**
	 * How many events the window has room for now.
	 * @param nowMillis now
	 * @return the room
	 */
	public synchronized int available(long nowMillis) {
		// The ring holds the events still in the window, oldest at the head.
		while (this.size > 0 && nowMillis - this.times[this.head] >= this.windowMillis) {
			this.head = (this.head + 1) % this.limit;
			this.size--;
		}
		return this.limit - this.size;
	}

	/**
	 * When the window has room again.
	 * @param nowMillis now
	 * @return now if it has room, else when its oldest event leaves it
	 */
	public synchronized long roomAt(long nowMillis) {
		return (available(nowMillis) > 0) ? nowMillis : this.times[this.head] + this.windowMillis;
	}

	public int limit() {
		return this.limit;
	}

}
