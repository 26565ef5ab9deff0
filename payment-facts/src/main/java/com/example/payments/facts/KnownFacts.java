package com.example.payments.facts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentRefunded;

/**
 * What is already known about one payment when {@code /details} is read: the facts
 * recorded on {@code payments.events.v1} and the commands that may have reached Vipps
 * without an answer yet. {@link DetailsFacts} needs it because {@code /details} may omit
 * every {@code requestId}: then only this context tells a history entry of our own
 * capture from one made in the merchant portal.
 * <p>
 * Build it from the payment's events and commands, in any order:
 * {@link Builder#recorded(PaymentEvent)} for every event, {@link Builder#pending} for
 * every capture, refund, cancel or initiate command. A command stops being pending once
 * an event answering it (its {@code commandId}, any event but
 * {@code PaymentOutcomeUnknown}) is recorded. The pending commands must include every
 * command that may have reached Vipps before {@code /details} was read: read the command
 * partition up to its end before the call.
 *
 * @param payment the payment
 * @param recordedIds the ids of every recorded event
 * @param captures recorded merchant captures (not direct captures), in recorded order
 * @param refunds recorded refunds, in recorded order
 * @param pending commands without an answer yet, oldest first
 */
public record KnownFacts(PaymentKey payment, Set<String> recordedIds, List<RecordedMovement> captures,
		List<RecordedMovement> refunds, List<PendingCommand> pending) {

	public KnownFacts {
		if (payment == null) {
			throw new IllegalArgumentException("payment must not be null");
		}
		recordedIds = Set.copyOf(recordedIds);
		captures = List.copyOf(captures);
		refunds = List.copyOf(refunds);
		pending = List.copyOf(pending);
	}

	/**
	 * Start building the context of one payment.
	 * @param payment the payment
	 * @return a builder
	 */
	public static Builder forPayment(PaymentKey payment) {
		return new Builder(payment);
	}

	/**
	 * Nothing recorded, nothing pending: what a source without context sees.
	 * @param payment the payment
	 * @return the empty context
	 */
	public static KnownFacts none(PaymentKey payment) {
		return forPayment(payment).build();
	}

	/**
	 * Whether a fact with this id is recorded.
	 * @param eventId the id
	 * @return true when recorded
	 */
	public boolean isRecorded(String eventId) {
		return this.recordedIds.contains(eventId);
	}

	/**
	 * A capture or refund already recorded: its id and amount are all {@code /details}
	 * pairing needs.
	 *
	 * @param eventId the event's id
	 * @param amount the amount of that capture or refund, øre
	 */
	public record RecordedMovement(String eventId, long amount) {

	}

	/**
	 * A command that may have reached Vipps and has no answer recorded yet.
	 *
	 * @param commandId its id (the {@code X-Request-Id} of a capture or refund)
	 * @param type what it does
	 * @param amount øre; {@code null} for "the rest" (capture, refund) and for cancel
	 * @param paymentType for an initiate: regular or express; otherwise {@code null}
	 */
	public record PendingCommand(String commandId, CommandType type, Long amount, PaymentType paymentType) {

	}

	/**
	 * Builds a {@link KnownFacts}.
	 */
	public static final class Builder {

		private final PaymentKey payment;

		private final Set<String> recordedIds = new HashSet<>();

		private final Set<String> answeredCommands = new HashSet<>();

		private final List<RecordedMovement> captures = new ArrayList<>();

		private final List<RecordedMovement> refunds = new ArrayList<>();

		private final Map<String, PendingCommand> pending = new LinkedHashMap<>();

		private Builder(PaymentKey payment) {
			this.payment = payment;
		}

		/**
		 * A recorded event of this payment; repeats are ignored.
		 * @param event the event from {@code payments.events.v1}
		 * @return this
		 * @throws IllegalArgumentException if it belongs to another payment
		 */
		public Builder recorded(PaymentEvent event) {
			if (!this.payment.merchantSerialNumber().equals(event.getMerchantSerialNumber())
					|| !this.payment.orderId().equals(event.getOrderId())) {
				throw new IllegalArgumentException(
						"event " + event.getEventId() + " belongs to " + event.getMerchantSerialNumber() + ":"
								+ event.getOrderId() + ", not " + this.payment.asString());
			}
			if (event.getEvent() instanceof PaymentCaptured captured && !captured.getDirectCapture()) {
				recordedCapture(event.getEventId(), captured.getAmount());
			}
			else if (event.getEvent() instanceof PaymentRefunded refunded) {
				recordedRefund(event.getEventId(), refunded.getAmount());
			}
			else {
				recorded(event.getEventId());
			}
			if (event.getCommandId() != null && !(event.getEvent() instanceof PaymentOutcomeUnknown)) {
				this.answeredCommands.add(event.getCommandId());
			}
			return this;
		}

		/**
		 * A recorded fact that is neither a merchant capture nor a refund.
		 * @param eventId its id
		 * @return this
		 */
		public Builder recorded(String eventId) {
			this.recordedIds.add(eventId);
			return this;
		}

		/**
		 * A recorded merchant capture (not a direct capture).
		 * @param eventId its id
		 * @param amount its amount, øre
		 * @return this
		 */
		public Builder recordedCapture(String eventId, long amount) {
			if (this.recordedIds.add(eventId)) {
				this.captures.add(new RecordedMovement(eventId, amount));
			}
			return this;
		}

		/**
		 * A recorded refund.
		 * @param eventId its id
		 * @param amount its amount, øre
		 * @return this
		 */
		public Builder recordedRefund(String eventId, long amount) {
			if (this.recordedIds.add(eventId)) {
				this.refunds.add(new RecordedMovement(eventId, amount));
			}
			return this;
		}

		/**
		 * A command of this payment that may have reached Vipps; ignored once an answer
		 * to it is recorded.
		 * @param command the command from {@code payments.commands.v1}
		 * @return this
		 */
		public Builder pending(PaymentCommand command) {
			Object body = command.getCommand();
			String id = command.getCommandId();
			if (body instanceof CapturePayment capture) {
				return pending(new PendingCommand(id, CommandType.CAPTURE, capture.getAmount(), null));
			}
			if (body instanceof RefundPayment refund) {
				return pending(new PendingCommand(id, CommandType.REFUND, refund.getAmount(), null));
			}
			if (body instanceof CancelPayment) {
				return pending(new PendingCommand(id, CommandType.CANCEL, null, null));
			}
			if (body instanceof InitiatePayment initiate) {
				return pending(
						new PendingCommand(id, CommandType.INITIATE, initiate.getAmount(), initiate.getPaymentType()));
			}
			throw new IllegalArgumentException("unknown command type of command " + id);
		}

		/**
		 * A command that may have reached Vipps.
		 * @param command the command
		 * @return this
		 */
		public Builder pending(PendingCommand command) {
			this.pending.putIfAbsent(command.commandId(), command);
			return this;
		}

		/**
		 * The context.
		 * @return the known facts
		 */
		public KnownFacts build() {
			List<PendingCommand> open = this.pending.values()
				.stream()
				.filter((command) -> !this.answeredCommands.contains(command.commandId()))
				.toList();
			return new KnownFacts(this.payment, this.recordedIds, this.captures, this.refunds, open);
		}

	}

}
