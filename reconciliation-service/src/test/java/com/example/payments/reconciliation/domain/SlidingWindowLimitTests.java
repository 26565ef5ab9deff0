package com.example.payments.reconciliation.domain;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SlidingWindowLimit}.
 */
class SlidingWindowLimitTests {

	@Test
	void allowsAtMostTheLimitInAnyWindow() {
		SlidingWindowLimit limit = new SlidingWindowLimit(3, Duration.ofMinutes(1));
		assertThat(limit.tryAcquire(0)).isTrue();
		assertThat(limit.tryAcquire(10_000)).isTrue();
		assertThat(limit.tryAcquire(20_000)).isTrue();
		assertThat(limit.tryAcquire(30_000)).isFalse();
		assertThat(limit.available(59_999)).isZero();
		assertThat(limit.roomAt(59_999)).isEqualTo(60_000);
	}

	@Test
	void givesRoomBackAsEventsLeaveTheWindow() {
		SlidingWindowLimit limit = new SlidingWindowLimit(3, Duration.ofMinutes(1));
		limit.tryAcquire(0);
		limit.tryAcquire(10_000);
		limit.tryAcquire(20_000);
		assertThat(limit.available(60_000)).isOne();
		assertThat(limit.tryAcquire(60_000)).isTrue();
		assertThat(limit.tryAcquire(60_001)).isFalse();
		assertThat(limit.available(80_000)).isEqualTo(2);
		assertThat(limit.roomAt(80_000)).isEqualTo(80_000);
	}

	@Test
	void neverHoldsMoreThanTheLimitWithinOneWindowUnderASteadyStream() {
		SlidingWindowLimit limit = new SlidingWindowLimit(100, Duration.ofMinutes(1));
		long[] taken = new long[10_000];
		int count = 0;
		for (long now = 0; now < 300_000; now += 50) {
			if (limit.tryAcquire(now)) {
				taken[count++] = now;
			}
		}
		for (int i = 100; i < count; i++) {
			assertThat(taken[i] - taken[i - 100]).isGreaterThanOrEqualTo(60_000);
		}
		assertThat(count).isEqualTo(500);
	}

	@Test
	void refusesAnEmptyLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SlidingWindowLimit(0, Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new SlidingWindowLimit(1, Duration.ZERO));
	}

}
