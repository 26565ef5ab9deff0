package com.example.payments.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.schema.event.PaymentEvent;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * Plays a producer built after this one: its {@code PaymentEvent} has one more event
 * type, {@code PaymentDisputed}, at the end of the {@code event} union (how ADR 0006 adds
 * an event type).
 */
public final class NewEventTypes {

	/** The full name of the event type today's classes do not have. */
	public static final String DISPUTED = "com.example.payments.schema.event.PaymentDisputed";

	/** The newer producer's {@code PaymentEvent} schema. */
	public static final Schema NEWER_PAYMENT_EVENT = withDisputed(PaymentEvent.getClassSchema());

	private NewEventTypes() {
	}

	/**
	 * A {@code PaymentEvent} of the new type, as the newer producer writes it.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @return the event, a generic record of {@link #NEWER_PAYMENT_EVENT}
	 */
	public static GenericRecord aDispute(String msn, String orderId) {
		Schema disputedSchema = NEWER_PAYMENT_EVENT.getField("event")
			.schema()
			.getTypes()
			.stream()
			.filter((branch) -> branch.getFullName().equals(DISPUTED))
			.findFirst()
			.orElseThrow();
		GenericRecord disputed = new GenericData.Record(disputedSchema);
		disputed.put("amount", 20_000L);
		disputed.put("reason", "fraud suspected");
		long now = Instant.parse("2026-11-25T10:00:05Z").toEpochMilli();
		// The builder gives every field this test does not care about its schema default,
		// so the fixture keeps up with envelope fields added later.
		GenericRecord event = new GenericRecordBuilder(NEWER_PAYMENT_EVENT).set("eventId", "disputed-" + orderId)
			.set("merchantSerialNumber", msn)
			.set("orderId", orderId)
			.set("occurredAt", now)
			.set("recordedAt", now)
			.set("source", new GenericData.EnumSymbol(NEWER_PAYMENT_EVENT.getField("source").schema(), "CALLBACK"))
			.set("commandId", null)
			.set("event", disputed)
			.build();
		return event;
	}

	private static Schema withDisputed(Schema current) {
		Schema disputed = Schema.createRecord("PaymentDisputed", "The user disputed the payment (test-only type).",
				"com.example.payments.schema.event", false,
				List.of(new Field("amount", Schema.create(Schema.Type.LONG), "disputed øre"),
						new Field("reason", Schema.create(Schema.Type.STRING), "why")));
		List<Field> fields = new ArrayList<>();
		for (Field field : current.getFields()) {
			Schema type = field.schema();
			if (field.name().equals("event")) {
				List<Schema> branches = new ArrayList<>(type.getTypes());
				branches.add(disputed);
				type = Schema.createUnion(branches);
			}
			fields.add(new Field(field, type));
		}
		Schema newer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
		newer.addAllProps(current);
		return newer;
	}

}
