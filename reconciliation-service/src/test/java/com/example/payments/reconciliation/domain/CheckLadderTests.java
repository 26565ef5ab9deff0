package com.example.payments.reconciliation.domain;

import java.time.Duration;
import java.util.List;

import com.example.payments.reconciliation.domain.CheckLadder.Rung;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CheckLadder}.
 */
class CheckLadderTests {

	/**
	 * Vipps' guidance: 5 s, then every 2 s for the user's ~10 minutes, then backing off.
	 */
	private static final CheckLadder LADDER = new CheckLadder(Duration.ofSeconds(5),
			List.of(new Rung(Duration.ofSeconds(630), Duration.ofSeconds(2)),
					new Rung(Duration.ofHours(1), Duration.ofMinutes(1))));

	private static final long START = 1_000_000;

	@Test
	void checksFirstAfterTheFirstCheckDelay() {
		assertThat(LADDER.next(START, -1, START)).hasValue(START + 5_000);
	}

	@Test
	void checksEveryTwoSecondsInsideTheUserWindowCountingFromTheLastCheck() {
		assertThat(LADDER.next(START, START + 5_300, START + 5_400)).hasValue(START + 7_300);
	}

	@Test
	void backsOffOnceTheUserWindowIsOver() {
		assertThat(LADDER.next(START, START + 631_000, START + 631_100)).hasValue(START + 691_000);
	}

	@Test
	void neverSchedulesInThePast() {
		assertThat(LADDER.next(START, START + 5_000, START + 60_000)).hasValue(START + 60_000);
	}

	@Test
	void isExhaustedAfterItsLastRung() {
		assertThat(LADDER.next(START, START + 3_599_000, START + 3_599_500)).isEmpty();
	}

	@Test
	void countsTheMostChecksItMakes() {
		// 5 s, 7 s, ... 629 s: 313 checks; then 631 s + n minutes up to 3600 s: 49 more.
		assertThat(LADDER.checksWithin(Duration.ofSeconds(630))).isEqualTo(313);
		assertThat(LADDER.maxChecks()).isEqualTo(313 + 50);
		assertThat(LADDER.checksWithin(Duration.ofSeconds(4))).isZero();
		assertThat(LADDER.checksWithin(Duration.ofSeconds(5))).isOne();
	}

	@Test
	void checksLateNeverAddUpToMoreThanTheBound() {
		long last = -1;
		int checks = 0;
		long now = START;
		while (true) {
			var next = LADDER.next(START, last, now);
			if (next.isEmpty()) {
				break;
			}
			// every check runs 150 ms late
			now = next.getAsLong() + 150;
			last = now;
			checks++;
		}
		assertThat(checks).isLessThanOrEqualTo(LADDER.maxChecks());
	}

	@Test
	void refusesRungsThatDoNotGoForward() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CheckLadder(Duration.ofSeconds(5),
					List.of(new Rung(Duration.ofMinutes(10), Duration.ofSeconds(2)),
							new Rung(Duration.ofMinutes(5), Duration.ofMinutes(1)))))
			.withMessageContaining("must be later");
		assertThatIllegalArgumentException().isThrownBy(() -> new CheckLadder(Duration.ofMinutes(20),
				List.of(new Rung(Duration.ofMinutes(10), Duration.ofSeconds(2)))));
		assertThatIllegalArgumentException().isThrownBy(() -> new Rung(Duration.ofMinutes(10), Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new CheckLadder(Duration.ofSeconds(1), List.of()));
	}

}
