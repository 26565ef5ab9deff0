package com.example.payments.vipps.simulator.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Per-orderId rate limits count in sliding 60-second windows, and windows nobody used for
 * a minute are forgotten, so the limiter holds the last minute, not the history.
 */
class RateLimiterTests {

	private final SimulatorClock clock = new SimulatorClock();

	private final RateLimiter limiter = new RateLimiter(this.clock, true);

	@Test
	void refusesTheCallOverTheLimitUntilTheOldestLeavesTheWindow() {
		this.limiter.acquire("capture:123456:order-1", 2);
		this.limiter.acquire("capture:123456:order-1", 2);
		assertThatExceptionOfType(VippsApiException.class)
			.isThrownBy(() -> this.limiter.acquire("capture:123456:order-1", 2))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(429));
		this.clock.advance(Duration.ofSeconds(61));
		assertThatNoException().isThrownBy(() -> this.limiter.acquire("capture:123456:order-1", 2));
	}

	@Test
	void forgetsWindowsUnusedForAMinuteAndKeepsTheOthers() {
		this.limiter.acquire("initiate:123456:order-1", 2);
		this.limiter.acquire("initiate:123456:order-2", 2);
		this.clock.advance(Duration.ofSeconds(30));
		this.limiter.acquire("initiate:123456:order-2", 2);
		this.clock.advance(Duration.ofSeconds(31));
		this.limiter.forgetExpired();
		assertThat(this.limiter.windowsHeld()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(30));
		this.limiter.forgetExpired();
		assertThat(this.limiter.windowsHeld()).isZero();
	}

	@Test
	void aWindowInUseKeepsCountingAfterTheTimerLooksAtIt() {
		this.limiter.acquire("refund:123456:order-1", 2);
		this.clock.advance(Duration.ofSeconds(59));
		this.limiter.acquire("refund:123456:order-1", 2);
		this.clock.advance(Duration.ofSeconds(2));
		this.limiter.forgetExpired();
		assertThat(this.limiter.windowsHeld()).isEqualTo(1);
		this.limiter.acquire("refund:123456:order-1", 2);
		assertThatExceptionOfType(VippsApiException.class)
			.isThrownBy(() -> this.limiter.acquire("refund:123456:order-1", 2));
	}

}
