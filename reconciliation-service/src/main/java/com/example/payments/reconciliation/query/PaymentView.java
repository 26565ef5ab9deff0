package com.example.payments.reconciliation.query;

import java.time.Instant;
import java.util.List;

import com.example.payments.reconciliation.domain.PendingCommand;
import com.example.payments.reconciliation.domain.RecordedFact;
import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.schema.PaymentKey;

/**
 * The answer of {@code GET /payments/{msn}/{orderId}}: what is known of the payment and
 * its history, as reconciliation tracks it. Never personal data: the history names
 * shipping and profile facts, not their content.
 *
 * @param merchantSerialNumber the sales unit
 * @param orderId the order
 * @param state where the payment stands by its recorded facts
 * @param open whether reconciliation still checks it
 * @param unresolved whether reconciliation gave up on it (an explicit unknown state)
 * @param amounts reserved, captured, refunded and still capturable øre
 * @param checks the {@code /details} checks made and the next one
 * @param pendingCommands commands without a recorded answer
 * @param history every recorded event, in the order it was recorded
 */
public record PaymentView(String merchantSerialNumber, String orderId, String state, boolean open, boolean unresolved,
		Amounts amounts, Checks checks, List<Command> pendingCommands, List<Event> history) {

	static PaymentView of(PaymentKey key, TrackedPayment payment) {
		return new PaymentView(key.merchantSerialNumber(), key.orderId(), payment.state().name(), payment.isOpen(),
				payment.unresolved(),
				new Amounts(payment.reservedAmount(), payment.capturedAmount(), payment.refundedAmount(),
						payment.remainingToCapture()),
				new Checks(payment.checks(), instant(payment.firstCheckAt()), instant(payment.lastCheckAt()),
						payment.nextAction().name(), instant(payment.nextDueAt())),
				payment.pendingCommands().stream().map(Command::of).toList(),
				payment.history().stream().map(Event::of).toList());
	}

	private static Instant instant(long millis) {
		return (millis >= 0) ? Instant.ofEpochMilli(millis) : null;
	}

	/**
	 * Amounts in øre.
	 *
	 * @param reserved reserved (or sold, for a direct capture)
	 * @param captured captured
	 * @param refunded refunded
	 * @param remainingToCapture still reserved and capturable
	 */
	public record Amounts(long reserved, long captured, long refunded, long remainingToCapture) {

	}

	/**
	 * The checks.
	 *
	 * @param count checks made
	 * @param first the first
	 * @param last the last
	 * @param nextAction what is scheduled next: {@code CHECK}, {@code PURGE} (forgotten
	 * then) or {@code NONE}
	 * @param nextAt when
	 */
	public record Checks(int count, Instant first, Instant last, String nextAction, Instant nextAt) {

	}

	/**
	 * A command without a recorded answer.
	 *
	 * @param commandId its id
	 * @param type its type
	 * @param amount øre, or {@code null}
	 * @param handedOver whether the command service left its outcome to reconciliation
	 */
	public record Command(String commandId, String type, Long amount, boolean handedOver) {

		static Command of(PendingCommand command) {
			return new Command(command.commandId(), command.kind().name(), command.amount(), command.handedOver());
		}

	}

	/**
	 * A recorded event.
	 *
	 * @param eventId its id
	 * @param type the kind of fact
	 * @param source who recorded it
	 * @param occurredAt when it happened
	 * @param recordedAt when it was written
	 * @param amount øre, for facts that carry one
	 * @param commandId the command it answers, or {@code null}
	 */
	public record Event(String eventId, String type, String source, Instant occurredAt, Instant recordedAt, long amount,
			String commandId) {

		static Event of(RecordedFact fact) {
			return new Event(fact.eventId(), fact.kind().name(), fact.source().name(),
					Instant.ofEpochMilli(fact.occurredAtMillis()), Instant.ofEpochMilli(fact.recordedAtMillis()),
					fact.amount(), fact.commandId());
		}

	}

}
