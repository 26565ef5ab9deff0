package com.example.payments.facts;

import java.time.Duration;
import java.time.Instant;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionInfo;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.client.model.TransactionSummary;

/**
 * Facts from Vipps' answers to our own calls (the command service). Every method takes
 * the command that was sent and the answer of a call that was <em>applied</em> (any 2xx);
 * the answer may be {@code null} when its body was unreadable. The spec makes everything
 * in a capture, cancel or refund answer optional except {@code orderId}, so a method
 * returns {@link AnswerFacts.NeedsDetails} when the answer leaves out what the fact
 * needs, and never guesses from a missing field.
 */
public final class CommandAnswerFacts {

	/**
	 * How long Vipps' landing-page URL is valid after the initiate answer.
	 */
	static final Duration URL_LIFETIME = Duration.ofMinutes(5);

	private CommandAnswerFacts() {
	}

	/**
	 * An initiate was accepted: {@code PaymentInitiated} with the URL (its id does not
	 * depend on the command, so a later "URL lost" report of the same payment shares it).
	 * @param command the {@code InitiatePayment} command
	 * @param answer Vipps' answer ({@code orderId} and {@code url} are required)
	 * @param learnedAt when the answer arrived (the answer has no timestamp)
	 * @return the fact
	 */
	public static PaymentFact initiated(PaymentCommand command, PaymentInitiationResponse answer, Instant learnedAt) {
		InitiatePayment initiate = commandOf(command, InitiatePayment.class);
		if (answer == null || answer.url() == null || answer.url().isBlank()) {
			throw new IllegalArgumentException("an initiate answer without url: resolve it through /details");
		}
		PaymentKey payment = paymentOf(command);
		PaymentInitiated initiated = PaymentInitiated.newBuilder()
			.setAmount(initiate.getAmount())
			.setPaymentType(initiate.getPaymentType())
			.setUrl(answer.url())
			.setUrlStatus(PaymentUrlStatus.ISSUED)
			.setUrlExpiresAt(learnedAt.plus(URL_LIFETIME))
			.build();
		return PaymentFact.at(PaymentEventIds.initiated(payment), payment, initiated, null, learnedAt,
				command.getCommandId());
	}

	/**
	 * A capture was applied: {@code PaymentCaptured} with the id of its
	 * {@code X-Request-Id} (the command id).
	 * @param command the {@code CapturePayment} command
	 * @param answer Vipps' answer, or {@code null} when unreadable
	 * @param learnedAt when the answer arrived
	 * @return the fact; {@link AnswerFacts.NeedsDetails} when the command captured "the
	 * rest" and the answer does not say how much that was
	 */
	public static AnswerFacts captured(PaymentCommand command, TransactionResponse answer, Instant learnedAt) {
		CapturePayment capture = commandOf(command, CapturePayment.class);
		TransactionInfo info = (answer != null) ? answer.transactionInfo() : null;
		Long amount = amountOf(info, capture.getAmount());
		if (amount == null) {
			return new AnswerFacts.NeedsDetails(
					"the capture of the remaining amount was applied, but the answer does not say how much it was");
		}
		PaymentKey payment = paymentOf(command);
		PaymentCaptured captured = PaymentCaptured.newBuilder()
			.setAmount(amount)
			.setTransactionId((info != null) ? info.transactionId() : null)
			.setSummary(summaryOf((answer != null) ? answer.transactionSummary() : null))
			.setDirectCapture(false)
			.build();
		return new AnswerFacts.Known(PaymentFact.at(PaymentEventIds.capture(payment, command.getCommandId()), payment,
				captured, (info != null) ? info.timeStamp() : null, learnedAt, command.getCommandId()));
	}

	/**
	 * A refund was applied: {@code PaymentRefunded} with the id of its
	 * {@code X-Request-Id} (the command id).
	 * @param command the {@code RefundPayment} command
	 * @param answer Vipps' answer, or {@code null} when unreadable
	 * @param learnedAt when the answer arrived
	 * @return the fact; {@link AnswerFacts.NeedsDetails} when the command refunded "the
	 * rest" and the answer does not say how much that was
	 */
	public static AnswerFacts refunded(PaymentCommand command, RefundTransactionResponse answer, Instant learnedAt) {
		RefundPayment refund = commandOf(command, RefundPayment.class);
		TransactionInfo info = (answer != null) ? answer.transaction() : null;
		Long amount = amountOf(info, refund.getAmount());
		if (amount == null) {
			return new AnswerFacts.NeedsDetails(
					"the refund of the refundable rest was applied, but the answer does not say how much it was");
		}
		PaymentKey payment = paymentOf(command);
		PaymentRefunded refunded = PaymentRefunded.newBuilder()
			.setAmount(amount)
			.setTransactionId((info != null) ? info.transactionId() : null)
			.setSummary(summaryOf((answer != null) ? answer.transactionSummary() : null))
			.build();
		return new AnswerFacts.Known(PaymentFact.at(PaymentEventIds.refund(payment, command.getCommandId()), payment,
				refunded, (info != null) ? info.timeStamp() : null, learnedAt, command.getCommandId()));
	}

	/**
	 * A cancel was applied. Which ending it was (a cancel before the user acted, ending
	 * {@code CANCEL}; or a void of the reservation, whole or its rest, ending
	 * {@code VOID}) decides the id, and only optional fields of the answer can tell:
	 * {@code paymentInstrument} is present only once the user approved, a summary with
	 * captured money means the rest was released. Without such evidence the answer says
	 * nothing either way (the user may have approved a moment before the cancel) and the
	 * result is {@link AnswerFacts.NeedsDetails}.
	 * @param command the {@code CancelPayment} command
	 * @param answer Vipps' answer, or {@code null} when unreadable
	 * @param learnedAt when the answer arrived
	 * @return the fact, or {@link AnswerFacts.NeedsDetails}
	 */
	public static AnswerFacts cancelled(PaymentCommand command, CancelTransactionResponse answer, Instant learnedAt) {
		CancelPayment cancel = commandOf(command, CancelPayment.class);
		TransactionSummary summary = (answer != null) ? answer.transactionSummary() : null;
		boolean approved = answer != null && answer.paymentInstrument() != null
				&& !answer.paymentInstrument().isBlank();
		CancellationReason reason;
		if (summary != null && summary.capturedAmount() > 0) {
			reason = CancellationReason.RELEASED_REMAINING;
		}
		else if (approved && (summary != null || !cancel.getShouldReleaseRemainingFunds())) {
			// Without the release flag a cancel after a capture is refused (51), so an
			// applied one voided an untouched reservation.
			reason = CancellationReason.MERCHANT_VOID;
		}
		else {
			return new AnswerFacts.NeedsDetails(
					"the cancel was applied, but the answer does not say whether it ended a pending payment or voided a reservation");
		}
		PaymentKey payment = paymentOf(command);
		TransactionInfo info = (answer != null) ? answer.transactionInfo() : null;
		PaymentCancelled cancelled = PaymentCancelled.newBuilder()
			.setReason(reason)
			.setTransactionId((info != null) ? info.transactionId() : null)
			.setSummary(summaryOf(summary))
			.build();
		return new AnswerFacts.Known(PaymentFact.at(PaymentEventIds.ending(payment, Ending.VOID), payment, cancelled,
				(info != null) ? info.timeStamp() : null, learnedAt, command.getCommandId()));
	}

	/**
	 * Vipps' summary in our contract's shape.
	 * @param summary the summary, or {@code null}
	 * @return the summary, or {@code null}
	 */
	static com.example.payments.schema.common.TransactionSummary summaryOf(TransactionSummary summary) {
		if (summary == null) {
			return null;
		}
		return new com.example.payments.schema.common.TransactionSummary(summary.capturedAmount(),
				summary.remainingAmountToCapture(), summary.refundedAmount(), summary.remainingAmountToRefund());
	}

	private static Long amountOf(TransactionInfo info, Long commanded) {
		// The model reads a missing amount as 0; Vipps never moves less than 100 øre.
		if (info != null && info.amount() > 0) {
			return info.amount();
		}
		return (commanded != null && commanded > 0) ? commanded : null;
	}

	private static PaymentKey paymentOf(PaymentCommand command) {
		return PaymentKey.of(command.getMerchantSerialNumber(), command.getOrderId());
	}

	private static <T> T commandOf(PaymentCommand command, Class<T> type) {
		if (command == null || !type.isInstance(command.getCommand())) {
			throw new IllegalArgumentException("expected a " + type.getSimpleName() + " command, got "
					+ ((command != null && command.getCommand() != null)
							? command.getCommand().getClass().getSimpleName() : "none"));
		}
		return type.cast(command.getCommand());
	}

}
