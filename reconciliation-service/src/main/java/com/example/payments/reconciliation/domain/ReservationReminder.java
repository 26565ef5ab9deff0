package com.example.payments.reconciliation.domain;

import java.time.Duration;

/**
 * A reminder that an uncaptured reservation approaches a deadline: published once the
 * reservation is {@code age} old and still holds money to capture.
 *
 * @param age the reservation's age at which to remind
 * @param deadline which deadline approaches (a {@code ReservationDeadline} name:
 * {@code BANK_RESERVATION}, {@code CAPTURE} or {@code CANCEL})
 * @param deadlineAge the reservation's age at which that deadline passes
 */
public record ReservationReminder(Duration age, String deadline, Duration deadlineAge) {

	public ReservationReminder {
		if (age == null || age.isNegative()) {
			throw new IllegalArgumentException("reminder age must not be negative, was " + age);
		}
		if (deadline == null || deadline.isBlank()) {
			throw new IllegalArgumentException("reminder deadline is required");
		}
		if (deadlineAge == null || deadlineAge.compareTo(age) < 0) {
			throw new IllegalArgumentException(
					"reminder deadline-age " + deadlineAge + " must not be before its age " + age);
		}
	}

}
