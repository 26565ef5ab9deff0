package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Vipps' per-orderId limits: sliding 60-second windows (initiate 2, capture/cancel/refund
 * 5 per orderId+MSN; details 120 per orderId+subscription key). A window nobody used for
 * 60 seconds is forgotten by the timer, so the windows held are those of the last minute,
 * not of the whole history.
 */
public final class RateLimiter {

	private static final Duration WINDOW = Duration.ofSeconds(60);

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	// Each window once, with the earliest time it may be forgotten; roughly in that
	// order.
	private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();

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
		while (true) {
			Window window = this.windows.computeIfAbsent(key, (k) -> {
				Window created = new Window(k);
				this.expiries.add(new Expiry(created, now.plus(WINDOW)));
				return created;
			});
			synchronized (window) {
				if (window.forgotten) {
					// The timer dropped it between the lookup and the lock: use a new
					// one.
					continue;
				}
				Deque<Instant> calls = window.calls;
				while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(WINDOW))) {
					calls.pollFirst();
				}
				if (calls.size() >= limit) {
					Duration wait = Duration.between(now, calls.peekFirst().plus(WINDOW));
					throw VippsApiException.rateLimited(wait);
				}
				calls.addLast(now);
				return;
			}
		}
	}

	/**
	 * Forgets the windows with no call in the last 60 seconds (the timer calls this, one
	 * thread at a time). A window still in use goes back in the queue until its newest
	 * call is 60 seconds old.
	 */
	void forgetExpired() {
		Instant now = this.clock.now();
		Instant cutoff = now.minus(WINDOW);
		Expiry head;
		while ((head = this.expiries.peek()) != null && !head.at().isAfter(now)) {
			this.expiries.poll();
			Window window = head.window();
			synchronized (window) {
				Instant newest = window.calls.peekLast();
				if (newest != null && newest.isAfter(cutoff)) {
					this.expiries.add(new Expiry(window, newest.plus(WINDOW)));
				}
				else {
					window.forgotten = true;
					this.windows.remove(window.key, window);
				}
			}
		}
	}

	/**
	 * How many windows are held (for tests).
	 * @return the number of counting keys remembered
	 */
	int windowsHeld() {
		return this.windows.size();
	}

	void reset() {
		this.windows.clear();
		this.expiries.clear();
	}

	private record Expiry(Window window, Instant at) {
	}

	/**
	 * The calls counted for one key in the last 60 seconds.
	 */
	private static final class Window {

		private final String key;

		private final Deque<Instant> calls = new ArrayDeque<>(2);

		private boolean forgotten;

		Window(String key) {
			this.key = key;
		}

	}

}
