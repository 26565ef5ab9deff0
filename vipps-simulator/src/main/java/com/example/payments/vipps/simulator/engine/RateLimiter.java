package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vipps' per-orderId limits: sliding 60-second windows (initiate 2, capture/cancel/refund
 * 5 per orderId+MSN; details 120 per orderId+subscription key).
 */
public final class RateLimiter {

	private static final Duration WINDOW = Duration.ofSeconds(60);

	private final Map<String, Deque<Instant>> windows = new ConcurrentHashMap<>();

	private final SimulatorClock clock;

	private final boolean enabled;

	public RateLimiter(SimulatorClock clock, boolean enabled) {
		this.clock = clock;
		this.enabled = enabled;
	}

	/**
	 * Counts one call, or refuses it.
	 * @param key the counting key
	 * @param limit calls allowed per 60 s
	 * @throws VippsApiException 429 with the time until the oldest call leaves the window
	 */
	public void acquire(String key, int limit) {
		if (!this.enabled) {
			return;
		}
		Instant now = this.clock.now();
		Deque<Instant> window = this.windows.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		synchronized (window) {
			while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
				window.pollFirst();
			}
			if (window.size() >= limit) {
				Duration wait = Duration.between(now, window.peekFirst().plus(WINDOW));
				throw VippsApiException.rateLimited(wait);
			}
			window.addLast(now);
		}
	}

	void reset() {
		this.windows.clear();
	}

}
