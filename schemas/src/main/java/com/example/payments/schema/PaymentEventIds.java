package com.example.payments.schema;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import org.apache.avro.generic.GenericContainer;

/**
 * Deterministic ids for {@code PaymentEvent.eventId}: the same fact learned twice (from a
 * callback and from reconciliation, or from a redelivered command) gets the same id, so
 * consumers de-duplicate on it.
 * <p>
 * The id is a name-based UUID in the style of RFC 9562 version 5: SHA-1 over a fixed
 * namespace UUID followed by a canonical encoding of the parts, truncated to 128 bits
 * with the version and variant bits set. Each part is written as a 4-byte big-endian
 * length and its UTF-8 bytes (an absent part as length -1), so no choice of part values
 * can make two different tuples encode alike: {@code ("a:b", "c")} and
 * {@code ("a", "b:c")} differ, and so do an absent and an empty reference.
 * <p>
 * The parts, and the rule every producer follows so that sources agree:
 * <ul>
 * <li>{@code merchantSerialNumber}, {@code orderId}: the payment;</li>
 * <li>{@code operation}: the event type's record name, e.g. {@code PaymentCaptured} (see
 * {@link #operationOf(GenericContainer)});</li>
 * <li>{@code reference}: Vipps' transactionId when the fact has one, otherwise the
 * commandId it answers, otherwise absent;</li>
 * <li>{@code amount}: the amount of the fact in øre (e.g. of this capture), or
 * absent.</li>
 * </ul>
 */
public final class PaymentEventIds {

	/**
	 * Namespace of payment event ids; changing it changes every id, so never do.
	 */
	public static final UUID NAMESPACE = UUID.fromString("d7a2c763-51f1-4191-bbf1-35214d9f99e1");

	private static final int ABSENT = -1;

	private PaymentEventIds() {
	}

	/**
	 * Return the event id of a fact.
	 * @param merchantSerialNumber the Vipps sales unit, 5 or 6 digits
	 * @param orderId the order id
	 * @param operation the event type's record name, e.g. {@code PaymentCaptured}
	 * @param reference Vipps' transactionId, else the commandId, else {@code null}
	 * @param amount the fact's amount in øre, or {@code null}
	 * @return the id as a UUID string, e.g. {@code 3f1d...-5...}
	 * @throws IllegalArgumentException if the payment identity is invalid or the
	 * operation is blank
	 */
	public static String eventId(String merchantSerialNumber, String orderId, String operation, String reference,
			Long amount) {
		return eventId(PaymentKey.of(merchantSerialNumber, orderId), operation, reference, amount);
	}

	/**
	 * Return the event id of a fact.
	 * @param payment the payment
	 * @param operation the event type's record name, e.g. {@code PaymentCaptured}
	 * @param reference Vipps' transactionId, else the commandId, else {@code null}
	 * @param amount the fact's amount in øre, or {@code null}
	 * @return the id as a UUID string
	 * @throws IllegalArgumentException if the operation is blank
	 */
	public static String eventId(PaymentKey payment, String operation, String reference, Long amount) {
		return eventUuid(payment, operation, reference, amount).toString();
	}

	/**
	 * Return the event id of a fact as a {@link UUID}.
	 * @param payment the payment
	 * @param operation the event type's record name, e.g. {@code PaymentCaptured}
	 * @param reference Vipps' transactionId, else the commandId, else {@code null}
	 * @param amount the fact's amount in øre, or {@code null}
	 * @return the name-based UUID (version 5, IETF variant)
	 * @throws IllegalArgumentException if the operation is blank
	 */
	public static UUID eventUuid(PaymentKey payment, String operation, String reference, Long amount) {
		if (payment == null) {
			throw new IllegalArgumentException("payment must not be null");
		}
		if (operation == null || operation.isBlank()) {
			throw new IllegalArgumentException("operation must not be blank");
		}
		ByteArrayOutputStream name = new ByteArrayOutputStream(128);
		writePart(name, payment.merchantSerialNumber());
		writePart(name, payment.orderId());
		writePart(name, operation);
		writePart(name, reference);
		writePart(name, (amount != null) ? amount.toString() : null);
		return nameBasedUuid(name.toByteArray());
	}

	/**
	 * Return the operation part for an event: its record name.
	 * @param event a branch of {@code PaymentEvent.event}, e.g. a {@code PaymentCaptured}
	 * @return the record's simple name, e.g. {@code PaymentCaptured}
	 */
	public static String operationOf(GenericContainer event) {
		return event.getSchema().getName();
	}

	private static void writePart(ByteArrayOutputStream out, String part) {
		if (part == null) {
			out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(ABSENT).array());
			return;
		}
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
		out.writeBytes(bytes);
	}

	private static UUID nameBasedUuid(byte[] name) {
		MessageDigest sha1 = sha1();
		sha1.update(ByteBuffer.allocate(16)
			.putLong(NAMESPACE.getMostSignificantBits())
			.putLong(NAMESPACE.getLeastSignificantBits())
			.array());
		sha1.update(name);
		ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
		long msb = hash.getLong();
		long lsb = hash.getLong();
		msb = (msb & ~0xF000L) | 0x5000L; // version 5
		lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
		return new UUID(msb, lsb);
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-1 (java.security.MessageDigest
			// contract).
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
