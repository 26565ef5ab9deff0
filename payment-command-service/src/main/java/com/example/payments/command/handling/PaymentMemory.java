package com.example.payments.command.handling;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.example.payments.facts.KnownFacts;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;

/**
 * What this service published lately, per payment, bounded: the context {@code /details}
 * is read against ({@link KnownFacts}), so that when Vipps leaves out request ids an
 * earlier capture of ours is not taken for the one whose outcome is being confirmed; and
 * whether the payment's initiate failed, so that a capture of a payment that does not
 * exist is refused without calling Vipps.
 * <p>
 * Only what this instance saw since it owns the payment's partition: forgotten when
 * partitions are released (another instance may have published meanwhile), and empty
 * after a restart. Without it the service is as safe as ADR 0008 describes; with it,
 * safer.
 */
final class PaymentMemory {

	/** Events kept per payment; a payment has a handful. */
	private static final int EVENTS_PER_PAYMENT = 64;

	private final Map<PaymentKey, Remembered> payments;

	/**
	 * Create the memory.
	 * @param capacity payments kept; the least recently used is forgotten first
	 */
	PaymentMemory(int capacity) {
		this.payments = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<PaymentKey, Remembered> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Note published events of one payment.
	 * @param payment the payment
	 * @param events the events, as published
	 */
	synchronized void remember(PaymentKey payment, Iterable<PaymentEvent> events) {
		Remembered remembered = this.payments.computeIfAbsent(payment, (ignored) -> new Remembered());
		for (PaymentEvent event : events) {
			remembered.events.addLast(event);
			if (remembered.events.size() > EVENTS_PER_PAYMENT) {
				remembered.events.removeFirst();
			}
			if (event.getEvent() instanceof PaymentInitiated) {
				remembered.failedInitiate = null;
			}
			else if (event.getEvent() instanceof PaymentCommandFailed failed
					&& failed.getCommandType() == CommandType.INITIATE && !"34".equals(failed.getErrorCode())) {
				// 34: the orderId is taken, so a payment of that identity does exist.
				remembered.failedInitiate = event.getCommandId();
			}
		}
	}

	/**
	 * What is known about a payment while one of its commands is pending.
	 * @param payment the payment
	 * @param pending the command whose outcome is being confirmed
	 * @return the context for {@code DetailsFacts}
	 */
	synchronized KnownFacts known(PaymentKey payment, PaymentCommand pending) {
		KnownFacts.Builder known = KnownFacts.forPayment(payment);
		Remembered remembered = this.payments.get(payment);
		if (remembered != null) {
			// A redelivered command's own earlier answer would take it off the pending
			// list; /details answers it again, under the same id.
			remembered.events.stream()
				.filter((event) -> !pending.getCommandId().equals(event.getCommandId()))
				.forEach(known::recorded);
		}
		return known.pending(pending).build();
	}

	/**
	 * The initiate command of this payment that failed, if the last initiate this service
	 * saw failed.
	 * @param payment the payment
	 * @return its command id
	 */
	synchronized Optional<String> failedInitiate(PaymentKey payment) {
		Remembered remembered = this.payments.get(payment);
		return Optional.ofNullable((remembered != null) ? remembered.failedInitiate : null);
	}

	/**
	 * Forget everything (partitions were released).
	 */
	synchronized void forget() {
		this.payments.clear();
	}

	/**
	 * What is kept per payment.
	 */
	private static final class Remembered {

		private final ArrayDeque<PaymentEvent> events = new ArrayDeque<>();

		private String failedInitiate;

	}

}
