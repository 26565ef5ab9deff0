package com.example.payments.facts;

import java.time.Instant;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fact about a payment, with its id, ready to be published as a {@link PaymentEvent}.
 *
 * @param eventId the id every source computes for this fact
 * ({@link com.example.payments.schema.PaymentEventIds})
 * @param payment the payment
 * @param event the branch of {@code PaymentEvent.event}, e.g. a {@code PaymentCaptured}
 * @param occurredAt Vipps' time of the operation, or when we learned the fact
 * @param occurredAtOrigin which of the two {@code occurredAt} is
 * @param commandId the command this fact answers, or {@code null}
 */
public record PaymentFact(String eventId, PaymentKey payment, SpecificRecord event, Instant occurredAt,
		OccurredAtOrigin occurredAtOrigin, String commandId) {

	public PaymentFact {
		if (eventId == null || payment == null || event == null || occurredAt == null || occurredAtOrigin == null) {
			throw new IllegalArgumentException("eventId, payment, event, occurredAt and occurredAtOrigin are required");
		}
	}

	/**
	 * The fact at Vipps' time when Vipps gave one, else at the time we learned it.
	 * @param eventId the id
	 * @param payment the payment
	 * @param event the event branch
	 * @param vippsTime Vipps' timestamp of the operation, or {@code null}
	 * @param learnedAt when we received what told us
	 * @param commandId the command it answers, or {@code null}
	 * @return the fact
	 */
	static PaymentFact at(String eventId, PaymentKey payment, SpecificRecord event, Instant vippsTime,
			Instant learnedAt, String commandId) {
		return (vippsTime != null)
				? new PaymentFact(eventId, payment, event, vippsTime, OccurredAtOrigin.VIPPS, commandId)
				: new PaymentFact(eventId, payment, event, learnedAt, OccurredAtOrigin.LEARNED, commandId);
	}

	/**
	 * The envelope to publish on {@code payments.events.v1} (key
	 * {@code payment().asString()}).
	 * @param source how the publishing service learned the fact
	 * @param recordedAt when it writes the event
	 * @return the event
	 */
	public PaymentEvent toEvent(EventSource source, Instant recordedAt) {
		return PaymentEvent.newBuilder()
			.setEventId(this.eventId)
			.setMerchantSerialNumber(this.payment.merchantSerialNumber())
			.setOrderId(this.payment.orderId())
			.setOccurredAt(this.occurredAt)
			.setOccurredAtOrigin(this.occurredAtOrigin)
			.setRecordedAt(recordedAt)
			.setSource(source)
			.setCommandId(this.commandId)
			.setEvent(this.event)
			.build();
	}

	@Override
	public String toString() {
		// The event may hold personal data (UserDetailsShared, ShippingSelected): name it
		// only.
		return "PaymentFact[eventId=" + this.eventId + ", payment=" + this.payment.asString() + ", event="
				+ this.event.getSchema().getName() + ", occurredAt=" + this.occurredAt + " (" + this.occurredAtOrigin
				+ "), commandId=" + this.commandId + "]";
	}

}
