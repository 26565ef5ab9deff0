package com.example.payments.reconciliation.tracking;

import java.time.Instant;

import com.example.payments.facts.KnownFacts;
import com.example.payments.reconciliation.domain.CommandKind;
import com.example.payments.reconciliation.domain.FactKind;
import com.example.payments.reconciliation.domain.FactSource;
import com.example.payments.reconciliation.domain.PendingCommand;
import com.example.payments.reconciliation.domain.RecordedFact;
import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.schema.event.ReservationAgeing;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;

/**
 * Between the Avro records of the topics and what the tracker keeps: an event as a
 * {@link RecordedFact} (without its personal data), a command as a
 * {@link PendingCommand}, and the tracked payment as the {@link KnownFacts}
 * {@code payment-facts} reads {@code /details} against.
 */
final class PaymentRecords {

	private PaymentRecords() {
	}

	/**
	 * The payment an event or command belongs to, checked against its record key.
	 * @param key the record key
	 * @param msn the value's MSN
	 * @param orderId the value's orderId
	 * @return the payment
	 * @throws IllegalArgumentException if the key is not a payment key or names another
	 * payment (a record on the wrong key would corrupt another payment's state)
	 */
	static PaymentKey payment(String key, String msn, String orderId) {
		PaymentKey payment = PaymentKey.parse(key);
		if (!payment.merchantSerialNumber().equals(msn) || !payment.orderId().equals(orderId)) {
			throw new IllegalArgumentException(
					"Record key " + key + " does not match the payment it carries (" + msn + ":" + orderId + ")");
		}
		return payment;
	}

	static RecordedFact fact(PaymentEvent event) {
		Object body = event.getEvent();
		long amount = 0;
		FactKind kind;
		if (body instanceof PaymentInitiated initiated) {
			kind = (initiated.getUrlStatus() == PaymentUrlStatus.LOST) ? FactKind.INITIATED_URL_LOST
					: FactKind.INITIATED;
			amount = initiated.getAmount();
		}
		else if (body instanceof PaymentReserved reserved) {
			kind = FactKind.RESERVED;
			amount = reserved.getAmount();
		}
		else if (body instanceof PaymentCaptured captured) {
			kind = captured.getDirectCapture() ? FactKind.DIRECT_CAPTURE : FactKind.CAPTURED;
			amount = captured.getAmount();
		}
		else if (body instanceof PaymentRefunded refunded) {
			kind = FactKind.REFUNDED;
			amount = refunded.getAmount();
		}
		else if (body instanceof PaymentCancelled cancelled) {
			kind = switch (cancelled.getReason()) {
				case MERCHANT_BEFORE_RESERVE -> FactKind.CANCELLED_BEFORE_RESERVE;
				case RELEASED_REMAINING -> FactKind.RELEASED_REMAINING;
				default -> FactKind.VOIDED;
			};
		}
		else if (body instanceof PaymentRejected) {
			kind = FactKind.REJECTED;
		}
		else if (body instanceof PaymentCommandFailed) {
			kind = FactKind.COMMAND_FAILED;
		}
		else if (body instanceof PaymentOutcomeUnknown) {
			kind = FactKind.OUTCOME_UNKNOWN;
		}
		else if (body instanceof ReservationAgeing ageing) {
			kind = FactKind.RESERVATION_AGEING;
			amount = ageing.getRemainingAmountToCapture();
		}
		else if (body instanceof ShippingSelected) {
			kind = FactKind.SHIPPING_SELECTED;
		}
		else if (body instanceof UserDetailsShared) {
			kind = FactKind.USER_DETAILS_SHARED;
		}
		else {
			kind = FactKind.OTHER;
		}
		return new RecordedFact(event.getEventId(), kind, source(event), event.getOccurredAt().toEpochMilli(),
				event.getRecordedAt().toEpochMilli(), amount, event.getCommandId());
	}

	private static FactSource source(PaymentEvent event) {
		return switch (event.getSource()) {
			case COMMAND -> FactSource.COMMAND;
			case CALLBACK -> FactSource.CALLBACK;
			case RECONCILIATION -> FactSource.RECONCILIATION;
			default -> FactSource.UNKNOWN;
		};
	}

	static PendingCommand command(PaymentCommand command) {
		Object body = command.getCommand();
		String id = command.getCommandId();
		if (body instanceof InitiatePayment initiate) {
			return new PendingCommand(id, CommandKind.INITIATE, initiate.getAmount(),
					initiate.getPaymentType() == PaymentType.EXPRESS, -1);
		}
		if (body instanceof CapturePayment capture) {
			return new PendingCommand(id, CommandKind.CAPTURE, capture.getAmount(), false, -1);
		}
		if (body instanceof RefundPayment refund) {
			return new PendingCommand(id, CommandKind.REFUND, refund.getAmount(), false, -1);
		}
		if (body instanceof CancelPayment) {
			return new PendingCommand(id, CommandKind.CANCEL, null, false, -1);
		}
		throw new IllegalArgumentException("Command " + id + " has a type this build does not know: "
				+ ((body != null) ? body.getClass().getName() : "none"));
	}

	/**
	 * What is recorded and pending, as {@code payment-facts} needs it.
	 * @param payment the payment
	 * @param tracked its tracked state
	 * @return the known facts
	 */
	static KnownFacts known(PaymentKey payment, TrackedPayment tracked) {
		KnownFacts.Builder known = KnownFacts.forPayment(payment);
		for (RecordedFact fact : tracked.history()) {
			switch (fact.kind()) {
				case CAPTURED -> known.recordedCapture(fact.eventId(), fact.amount());
				case REFUNDED -> known.recordedRefund(fact.eventId(), fact.amount());
				default -> known.recorded(fact.eventId());
			}
		}
		for (PendingCommand command : tracked.pendingCommands()) {
			known.pending(new KnownFacts.PendingCommand(command.commandId(), CommandType.valueOf(command.kind().name()),
					command.amount(), (command.kind() == CommandKind.INITIATE)
							? (command.express() ? PaymentType.EXPRESS : PaymentType.REGULAR) : null));
		}
		return known.build();
	}

	/**
	 * The envelope of an event reconciliation writes on its own account (not from
	 * {@code /details}): it happened when reconciliation decided it.
	 * @param eventId its id
	 * @param payment the payment
	 * @param commandId the command it concerns, or {@code null}
	 * @param body the event
	 * @param now now
	 * @return the event
	 */
	static PaymentEvent ownEvent(String eventId, PaymentKey payment, String commandId, Object body, Instant now) {
		return PaymentEvent.newBuilder()
			.setEventId(eventId)
			.setMerchantSerialNumber(payment.merchantSerialNumber())
			.setOrderId(payment.orderId())
			.setOccurredAt(now)
			.setOccurredAtOrigin(com.example.payments.schema.event.OccurredAtOrigin.LEARNED)
			.setRecordedAt(now)
			.setSource(com.example.payments.schema.event.EventSource.RECONCILIATION)
			.setCommandId(commandId)
			.setEvent(body)
			.build();
	}

}
