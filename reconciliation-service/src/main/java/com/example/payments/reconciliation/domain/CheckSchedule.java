package com.example.payments.reconciliation.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;

/**
 * When each payment is checked next, and when reconciliation stops:
 * <ul>
 * <li>initiated, not reserved and not ended: the {@code userWindow} ladder from the
 * initiation (dense while the user can act, then backing off); exhausted, the payment is
 * unresolved ({@code NO_FINAL_STATE}, or {@code DETAILS_UNAVAILABLE} when the last checks
 * failed);</li>
 * <li>reserved with money left to capture: the {@code reservation} ladder from the
 * reservation (captures and voids made outside the system), and each
 * {@link ReservationReminder} at its age; exhausted, Vipps' capture window is over;</li>
 * <li>a command whose outcome the command service handed over
 * ({@code PaymentOutcomeUnknown}), or a lost initiate URL: at once, then the
 * {@code command} ladder from the hand-over; exhausted,
 * {@code COMMAND_OUTCOME_UNCLEAR};</li>
 * <li>a fact found only in {@code /details} that a callback could still bring: again once
 * the {@code callbackGrace} has passed since it was first seen;</li>
 * <li>a reading that contradicts the record: again at once, to tell a lasting conflict
 * from a fact recorded just after the reading was sent;</li>
 * <li>never two checks of one order closer than {@code minSpacing} (Vipps allows 120
 * {@code /details} calls per minute and order);</li>
 * <li>a payment nothing is left to find out about is forgotten {@code retention} after it
 * closed.</li>
 * </ul>
 *
 * @param userWindow the ladder of initiated payments
 * @param reservation the ladder of reservations with money left to capture
 * @param command the ladder of handed-over commands and lost URLs
 * @param callbackGrace how long a fact a callback could bring is given before it is
 * published from {@code /details}
 * @param minSpacing the least time between two checks of one order
 * @param retention how long a closed payment is kept for queries
 * @param reminders the reservation ageing reminders, by age
 */
public record CheckSchedule(CheckLadder userWindow, CheckLadder reservation, CheckLadder command,
		Duration callbackGrace, Duration minSpacing, Duration retention, List<ReservationReminder> reminders) {

	public CheckSchedule {
		if (userWindow == null || reservation == null || command == null) {
			throw new IllegalArgumentException("the user-window, reservation and command ladders are required");
		}
		requireNotNegative(callbackGrace, "callback-grace");
		requireNotNegative(minSpacing, "min-spacing");
		requireNotNegative(retention, "retention");
		reminders = List.copyOf(reminders);
		for (int i = 1; i < reminders.size(); i++) {
			if (reminders.get(i).age().compareTo(reminders.get(i - 1).age()) <= 0) {
				throw new IllegalArgumentException("reservation reminders must be listed by increasing age");
			}
		}
	}

	private static void requireNotNegative(Duration value, String name) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

	/**
	 * What to do next for a payment whose check is not in flight.
	 * @param payment the payment
	 * @param nowMillis now
	 * @return the next step
	 */
	public Next next(TrackedPayment payment, long nowMillis) {
		long earliest = Long.MAX_VALUE;
		if (payment.checkAtOnce() || payment.conflictSeen()) {
			// A contradiction is believed only if the next reading shows it too.
			earliest = nowMillis;
		}
		if (payment.awaitingUser() && !payment.unresolved()) {
			OptionalLong at = this.userWindow.next(payment.openedAt(), payment.lastCheckAt(), nowMillis);
			if (at.isEmpty()) {
				return new Next.GiveUp(
						(payment.failures() > 0) ? GiveUpReason.DETAILS_UNAVAILABLE : GiveUpReason.NO_FINAL_STATE,
						null);
			}
			earliest = Math.min(earliest, at.getAsLong());
		}
		if (payment.awaitingCapture()) {
			OptionalLong at = this.reservation.next(payment.reservedAt(), payment.lastCheckAt(), nowMillis);
			if (at.isEmpty()) {
				return new Next.GiveUp(GiveUpReason.CAPTURE_WINDOW_OVER, null);
			}
			earliest = Math.min(earliest, at.getAsLong());
			if (payment.remindersSent() < this.reminders.size()) {
				long remindAt = payment.reservedAt() + this.reminders.get(payment.remindersSent()).age().toMillis();
				earliest = Math.min(earliest, Math.max(remindAt, nowMillis));
			}
		}
		List<PendingCommand> handedOver = payment.handedOver();
		if (!handedOver.isEmpty()) {
			PendingCommand oldest = handedOver.stream()
				.min((a, b) -> Long.compare(a.handedOverAtMillis(), b.handedOverAtMillis()))
				.get();
			OptionalLong at = this.command.next(oldest.handedOverAtMillis(), payment.lastCheckAt(), nowMillis);
			if (at.isEmpty()) {
				return new Next.GiveUp(GiveUpReason.COMMAND_OUTCOME_UNCLEAR, oldest.commandId());
			}
			earliest = Math.min(earliest, at.getAsLong());
		}
		Optional<Long> unconfirmed = payment.oldestUnconfirmed();
		if (unconfirmed.isPresent()) {
			earliest = Math.min(earliest, Math.max(unconfirmed.get() + this.callbackGrace.toMillis(), nowMillis));
		}
		if (earliest == Long.MAX_VALUE) {
			long closedAt = (payment.closedAt() >= 0) ? payment.closedAt() : nowMillis;
			return new Next.Due(DueAction.PURGE, closedAt + this.retention.toMillis());
		}
		long spaced = (payment.lastCheckAt() >= 0) ? payment.lastCheckAt() + this.minSpacing.toMillis() : earliest;
		return new Next.Due(DueAction.CHECK, Math.max(earliest, spaced));
	}

	/**
	 * The reminders a check at this time completes: those whose age the reservation has
	 * reached, beyond the ones already given.
	 * @param payment the payment (reserved, with money left to capture)
	 * @param nowMillis now
	 * @return how many of the configured reminders are then due or done (compare with
	 * {@link TrackedPayment#remindersSent()}; the last one newly due is the one to
	 * publish)
	 */
	public int remindersDue(TrackedPayment payment, long nowMillis) {
		int due = payment.remindersSent();
		while (due < this.reminders.size()
				&& payment.reservedAt() + this.reminders.get(due).age().toMillis() <= nowMillis) {
			due++;
		}
		return due;
	}

	/**
	 * Why reconciliation stops checking for something.
	 */
	public enum GiveUpReason {

		/** The user-window ladder ran out and Vipps still shows no final state. */
		NO_FINAL_STATE,

		/** The user-window ladder ran out while {@code /details} kept failing. */
		DETAILS_UNAVAILABLE,

		/** The command ladder ran out without the handed-over command's outcome. */
		COMMAND_OUTCOME_UNCLEAR,

		/** Vipps allows no capture or cancel any more (180 days). */
		CAPTURE_WINDOW_OVER

	}

	/**
	 * The next step for a payment.
	 */
	public sealed interface Next {

		/**
		 * Something is due at a time.
		 *
		 * @param action a check, or forgetting the payment
		 * @param atMillis when
		 */
		record Due(DueAction action, long atMillis) implements Next {

		}

		/**
		 * A ladder ran out: record that, then ask again.
		 *
		 * @param reason which ladder, and why
		 * @param commandId for {@link GiveUpReason#COMMAND_OUTCOME_UNCLEAR}: the command
		 */
		record GiveUp(GiveUpReason reason, String commandId) implements Next {

		}

	}

}
