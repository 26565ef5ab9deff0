package com.example.payments.reconciliation.domain;

import java.time.Duration;
import java.util.List;

import com.example.payments.reconciliation.domain.CheckLadder.Rung;
import com.example.payments.reconciliation.domain.CheckSchedule.GiveUpReason;
import com.example.payments.reconciliation.domain.CheckSchedule.Next;
import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CheckSchedule}.
 */
class CheckScheduleTests {

	private static final CheckSchedule SCHEDULE = new CheckSchedule(
			new CheckLadder(Duration.ofSeconds(5), List.of(new Rung(Duration.ofMinutes(10), Duration.ofSeconds(2)))),
			new CheckLadder(Duration.ofMinutes(15), List.of(new Rung(Duration.ofDays(180), Duration.ofDays(1)))),
			new CheckLadder(Duration.ZERO, List.of(new Rung(Duration.ofMinutes(2), Duration.ofSeconds(2)))),
			Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofDays(30),
			List.of(new ReservationReminder(Duration.ofDays(5), "BANK_RESERVATION", Duration.ofDays(7))));

	/** When the payments of these tests were initiated (their events' recordedAt). */
	private static final long OPENED = 1_000;

	@Test
	void checksAnInitiatedPaymentOnTheUserWindowLadder() {
		TrackedPayment payment = TrackedPaymentTests.initiated();
		assertThat(SCHEDULE.next(payment, OPENED)).isEqualTo(new Next.Due(DueAction.CHECK, OPENED + 5_000));
		payment.checkEnded(OPENED + 5_000, false);
		assertThat(SCHEDULE.next(payment, OPENED + 5_100)).isEqualTo(new Next.Due(DueAction.CHECK, OPENED + 7_000));
	}

	@Test
	void givesUpAnInitiatedPaymentWhenTheLadderRunsOut() {
		TrackedPayment payment = TrackedPaymentTests.initiated();
		payment.checkEnded(OPENED + 599_500, false);
		assertThat(SCHEDULE.next(payment, OPENED + 599_600))
			.isEqualTo(new Next.GiveUp(GiveUpReason.NO_FINAL_STATE, null));
		payment.checkEnded(OPENED + 599_600, true);
		assertThat(SCHEDULE.next(payment, OPENED + 599_700))
			.isEqualTo(new Next.GiveUp(GiveUpReason.DETAILS_UNAVAILABLE, null));
		payment.markUnresolved();
		assertThat(SCHEDULE.next(payment, OPENED + 599_700)).isInstanceOf(Next.Due.class)
			.extracting((next) -> ((Next.Due) next).action())
			.isEqualTo(DueAction.PURGE);
	}

	@Test
	void checksAReservationRarelyAndRemindsWhenItAges() {
		TrackedPayment payment = reserved();
		assertThat(SCHEDULE.next(payment, OPENED + 10_000))
			.isEqualTo(new Next.Due(DueAction.CHECK, OPENED + Duration.ofMinutes(15).toMillis()));
		long fourDays = OPENED + Duration.ofDays(4).toMillis() + 1;
		payment.checkEnded(fourDays, false);
		assertThat(SCHEDULE.next(payment, fourDays)).as("the reminder at five days comes before the next daily check")
			.isEqualTo(new Next.Due(DueAction.CHECK, OPENED + Duration.ofDays(5).toMillis()));
		assertThat(SCHEDULE.remindersDue(payment, OPENED + Duration.ofDays(5).toMillis())).isOne();
		assertThat(SCHEDULE.remindersDue(payment, OPENED + Duration.ofDays(5).toMillis() - 1)).isZero();
	}

	@Test
	void stopsWhenTheCaptureWindowIsOver() {
		TrackedPayment payment = reserved();
		payment.remindersSent(1);
		payment.checkEnded(OPENED + Duration.ofDays(179).toMillis() + 1, false);
		assertThat(SCHEDULE.next(payment, OPENED + Duration.ofDays(179).toMillis() + 2))
			.isEqualTo(new Next.GiveUp(GiveUpReason.CAPTURE_WINDOW_OVER, null));
		payment.markCaptureWindowOver();
		assertThat(payment.isOpen()).isFalse();
	}

	@Test
	void checksAHandedOverCommandAtOnceThenOnTheCommandLadder() {
		TrackedPayment payment = reserved();
		payment.pending(new PendingCommand("cmd-1", CommandKind.CAPTURE, 5_000L, false, -1), 50_000);
		payment.record(new RecordedFact("u", FactKind.OUTCOME_UNKNOWN, FactSource.COMMAND, 60_000, 60_000, 0, "cmd-1"));
		assertThat(SCHEDULE.next(payment, 60_010)).isEqualTo(new Next.Due(DueAction.CHECK, 60_010));
		payment.checkStarted(90_000);
		payment.checkEnded(60_200, false);
		assertThat(SCHEDULE.next(payment, 60_300)).isEqualTo(new Next.Due(DueAction.CHECK, 62_200));
		payment.checkEnded(60_000 + 121_000, false);
		assertThat(SCHEDULE.next(payment, 60_000 + 121_000))
			.isEqualTo(new Next.GiveUp(GiveUpReason.COMMAND_OUTCOME_UNCLEAR, "cmd-1"));
	}

	@Test
	void givesACallbackItsGraceBeforeCheckingAgain() {
		TrackedPayment payment = reserved();
		payment.checkEnded(20_000, false);
		payment.unconfirmed("shipping", 20_000);
		assertThat(SCHEDULE.next(payment, 20_000)).isEqualTo(new Next.Due(DueAction.CHECK, 25_000));
	}

	@Test
	void neverChecksAnOrderTwiceWithinTheSpacing() {
		TrackedPayment payment = reserved();
		payment.checkEnded(20_000, false);
		payment.record(new RecordedFact("u", FactKind.OUTCOME_UNKNOWN, FactSource.COMMAND, 20_100, 20_100, 0, null));
		assertThat(SCHEDULE.next(payment, 20_100)).isEqualTo(new Next.Due(DueAction.CHECK, 20_500));
	}

	@Test
	void forgetsAClosedPaymentAfterTheRetention() {
		TrackedPayment payment = TrackedPaymentTests.initiated();
		payment.record(TrackedPaymentTests.fact("x", FactKind.REJECTED, 0, null));
		assertThat(SCHEDULE.next(payment, 9_000))
			.isEqualTo(new Next.Due(DueAction.PURGE, 9_000 + Duration.ofDays(30).toMillis()));
	}

	@Test
	void refusesRemindersOutOfOrder() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CheckSchedule(SCHEDULE.userWindow(),
				SCHEDULE.reservation(), SCHEDULE.command(), Duration.ZERO, Duration.ZERO, Duration.ZERO,
				List.of(new ReservationReminder(Duration.ofDays(25), "BANK_RESERVATION", Duration.ofDays(30)),
						new ReservationReminder(Duration.ofDays(5), "BANK_RESERVATION", Duration.ofDays(7)))));
	}

	private static TrackedPayment reserved() {
		TrackedPayment payment = TrackedPaymentTests.initiated();
		payment
			.record(new RecordedFact("r", FactKind.RESERVED, FactSource.CALLBACK, OPENED, OPENED + 10, 20_000, null));
		return payment;
	}

}
