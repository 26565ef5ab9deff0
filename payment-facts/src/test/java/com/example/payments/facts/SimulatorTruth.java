package com.example.payments.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.ReservationAgeing;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.SimulatedPayment.LogEntry;

/**
 * The facts consumers must end with for a payment, from the simulator's truth, and the
 * facts they hold, one per event id: the two lists a test compares. Shared with the
 * services' tests (this module's test jar).
 */
public final class SimulatorTruth {

	private SimulatorTruth() {
	}

	/**
	 * The facts Vipps knows of, as short descriptions.
	 * @param truth the simulator's truth
	 * @param omitMode whether Vipps leaves out every optional field
	 * @param callbacksArrived whether the payment's callbacks reached the ingest service
	 * @return the descriptions, in no particular order
	 */
	public static List<String> facts(SimulatedPayment truth, boolean omitMode, boolean callbacksArrived) {
		List<String> facts = new ArrayList<>();
		facts.add("initiated");
		List<LogEntry> oldestFirst = new ArrayList<>(truth.log());
		Collections.reverse(oldestFirst);
		for (LogEntry entry : oldestFirst) {
			switch (entry.operation()) {
				case RESERVE -> facts.add(entry.operationSuccess() ? "reserved " + entry.amount() : "ending FAILED");
				case SALE -> facts.add(entry.operationSuccess() ? "sale " + entry.amount() : "ending FAILED");
				case CAPTURE -> facts.add("capture " + entry.amount());
				case REFUND -> facts.add("refund " + entry.amount());
				case CANCEL -> facts.add("ending CANCEL");
				case VOID -> facts.add("ending VOID");
				case INITIATE -> {
				}
			}
		}
		// Without the callback, only /details tells the shipping and the profile, and
		// with every optional field left out it does not.
		boolean detailsTell = !omitMode;
		if (truth.shipping() != null && (callbacksArrived || detailsTell)) {
			facts.add("shipping " + truth.shipping().shippingMethodId());
		}
		// A regular payment's callback carries the profile only with Vipps'
		// optional fields.
		boolean callbackTellsUser = callbacksArrived && (truth.express() || !omitMode);
		if (truth.user() != null && (callbackTellsUser || detailsTell)) {
			facts.add("user " + truth.user().userId());
		}
		return facts;
	}

	/**
	 * What consumers hold: one description per event id (they keep the first event of an
	 * id). Notes that are not facts of Vipps are left out: the command service's
	 * {@code PaymentOutcomeUnknown} (it hands a command's outcome to reconciliation) and
	 * reconciliation's {@code ReservationAgeing} reminders.
	 * @param events a payment's events
	 * @return the descriptions of the distinct facts
	 */
	public static List<String> held(List<PaymentEvent> events) {
		Map<String, String> byId = new LinkedHashMap<>();
		for (PaymentEvent event : events) {
			if ((event.getEvent() instanceof PaymentOutcomeUnknown && event.getSource() == EventSource.COMMAND)
					|| event.getEvent() instanceof ReservationAgeing) {
				continue;
			}
			byId.putIfAbsent(event.getEventId(), describe(event.getEvent()));
		}
		return new ArrayList<>(byId.values());
	}

	/**
	 * A fact as a short description, the vocabulary of {@link #facts}.
	 * @param event an event's payload
	 * @return the description; the type's name for an event that is not a fact of Vipps
	 */
	public static String describe(Object event) {
		if (event instanceof PaymentInitiated) {
			return "initiated";
		}
		if (event instanceof PaymentReserved reserved) {
			return "reserved " + reserved.getAmount();
		}
		if (event instanceof PaymentCaptured captured) {
			return (captured.getDirectCapture() ? "sale " : "capture ") + captured.getAmount();
		}
		if (event instanceof PaymentRefunded refunded) {
			return "refund " + refunded.getAmount();
		}
		if (event instanceof PaymentRejected rejected) {
			return (rejected.getReason() == RejectionReason.RESERVE_FAILED
					|| rejected.getReason() == RejectionReason.SALE_FAILED) ? "ending FAILED" : "ending CANCEL";
		}
		if (event instanceof PaymentCancelled cancelled) {
			return (cancelled.getReason() == CancellationReason.MERCHANT_BEFORE_RESERVE) ? "ending CANCEL"
					: "ending VOID";
		}
		if (event instanceof ShippingSelected shipping) {
			return "shipping " + shipping.getShippingMethodId();
		}
		if (event instanceof UserDetailsShared user) {
			return "user " + user.getUserId();
		}
		return event.getClass().getSimpleName();
	}

}
