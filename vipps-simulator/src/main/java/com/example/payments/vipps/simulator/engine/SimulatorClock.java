package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall-clock time plus an offset tests can advance: token expiry, payment timeouts and
 * the 180/365-day limits all read this clock.
 */
public final class SimulatorClock {

	private final AtomicLong offsetMillis = new AtomicLong();

	public Instant now() {
		return Instant.now().plusMillis(this.offsetMillis.get());
	}

	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("the clock only moves forward");
		}
		this.offsetMillis.addAndGet(duration.toMillis());
	}

	void reset() {
		this.offsetMillis.set(0);
	}

}
