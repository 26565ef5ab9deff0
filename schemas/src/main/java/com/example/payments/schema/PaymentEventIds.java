package com.example.payments.schema;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import com.example.payments.schema.event.ReservationDeadline;

/**
 * Deterministic ids for {@code PaymentEvent.eventId}: one rule per kind of fact, built
 * only from what <em>every</em> source of that fact can compute, so the command service
 * (Vipps' answer to our call), the ingest service (Vipps' callback) and the
 * reconciliation service ({@code GET /details}) give one fact one id, and consumers
 * de-duplicate on it. No rule uses a field Vipps may omit (its {@code transactionId},
 * {@code timeStamp}, {@code transactionSummary}, and in {@code /details} the
 * {@code requestId}), and no rule uses an amount, so a source that reports the amount
 * differently cannot split one fact into two:
 * <ul>
 * <li>a merchant operation that can repeat (capture, refund): the {@code X-Request-Id} it
 * was sent with ({@link #capture}, {@link #refund}), which for our own operations is the
 * command's {@code commandId}; two partial captures of equal amount have two request ids,
 * so two ids;</li>
 * <li>a capture or refund that carries no request id (made in the merchant portal, seen
 * only in {@code /details}): its position among the entries of that operation in the
 * payment's history, oldest first ({@link #captureInHistory}, {@link #refundInHistory});
 * the history is append-only, so the position never changes;</li>
 * <li>a once-per-payment fact (initiated, reserved, direct capture, shipping chosen, user
 * details shared): nothing but the payment;</li>
 * <li>an ending ({@link Ending}): the payment and the kind of ending as {@code /details}
 * tells them apart, so compatible reports of one ending (callback {@code CANCELLED} and
 * {@code /details} {@code CANCEL}) share an id while contradicting ones (callback
 * {@code RESERVE_FAILED}, {@code /details} {@code CANCEL}) do not and stay visible.</li>
 * </ul>
 * <p>
 * The id is a name-based UUID in the style of RFC 9562 version 5: SHA-1 over a fixed
 * namespace UUID followed by a canonical encoding of the parts (merchant serial number,
 * order id, kind of fact, reference, amount), truncated to 128 bits with the version and
 * variant bits set. Each part is written as a 4-byte big-endian length and its UTF-8
 * bytes (an absent part as length -1), so no choice of part values can make two different
 * tuples encode alike: {@code ("a:b", "c")} and {@code ("a", "b:c")} differ, and so do an
 * absent and an empty reference. The namespace, the encoding and the kind names are
 * pinned by tests: changing any of them changes every id.
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
	 * The payment was initiated ({@code PaymentInitiated}, whether its URL was issued or
	 * lost): once per payment, since an orderId is initiated at most once per MSN.
	 * @param payment the payment
	 * @return the event id
	 */
	public static String initiated(PaymentKey payment) {
		return eventId(payment, "PaymentInitiated", null, null);
	}

	/**
	 * The user approved and the amount is reserved ({@code PaymentReserved}, from
	 * callback {@code RESERVED}/{@code RESERVE} or {@code /details} {@code RESERVE}):
	 * once per payment.
	 * @param payment the payment
	 * @return the event id
	 */
	public static String reserved(PaymentKey payment) {
		return eventId(payment, "PaymentReserved", null, null);
	}

	/**
	 * A direct capture ({@code PaymentCaptured} with {@code directCapture}, from callback
	 * {@code SALE} or {@code /details} {@code SALE}): once per payment, and never equal
	 * to a merchant capture's id.
	 * @param payment the payment
	 * @return the event id
	 */
	public static String directCapture(PaymentKey payment) {
		return eventId(payment, "DirectCapture", null, null);
	}

	/**
	 * A merchant capture sent with an {@code X-Request-Id} ({@code PaymentCaptured}).
	 * @param payment the payment
	 * @param requestId the {@code X-Request-Id}: our command's {@code commandId}, or the
	 * {@code requestId} of the {@code /details} entry
	 * @return the event id
	 * @throws IllegalArgumentException if the request id is blank
	 */
	public static String capture(PaymentKey payment, String requestId) {
		return eventId(payment, "PaymentCaptured", requireReference(requestId, "requestId"), null);
	}

	/**
	 * A merchant refund sent with an {@code X-Request-Id} ({@code PaymentRefunded}).
	 * @param payment the payment
	 * @param requestId the {@code X-Request-Id}: our command's {@code commandId}, or the
	 * {@code requestId} of the {@code /details} entry
	 * @return the event id
	 * @throws IllegalArgumentException if the request id is blank
	 */
	public static String refund(PaymentKey payment, String requestId) {
		return eventId(payment, "PaymentRefunded", requireReference(requestId, "requestId"), null);
	}

	/**
	 * A capture known only from {@code /details} without a request id (e.g. made in the
	 * merchant portal), by its position among the {@code CAPTURE} entries of the history.
	 * @param payment the payment
	 * @param position 1 for the oldest {@code CAPTURE} entry, counting every entry of
	 * that operation (failed ones too)
	 * @return the event id
	 * @throws IllegalArgumentException if the position is below 1
	 */
	public static String captureInHistory(PaymentKey payment, int position) {
		return eventId(payment, "CaptureInHistory", requirePosition(position), null);
	}

	/**
	 * A refund known only from {@code /details} without a request id, by its position
	 * among the {@code REFUND} entries of the history.
	 * @param payment the payment
	 * @param position 1 for the oldest {@code REFUND} entry, counting every entry of that
	 * operation (failed ones too)
	 * @return the event id
	 * @throws IllegalArgumentException if the position is below 1
	 */
	public static String refundInHistory(PaymentKey payment, int position) {
		return eventId(payment, "RefundInHistory", requirePosition(position), null);
	}

	/**
	 * An ending of the payment or of its reservation ({@code PaymentRejected} or
	 * {@code PaymentCancelled}).
	 * @param payment the payment
	 * @param ending the kind of ending, as {@code /details} tells them apart
	 * @return the event id
	 */
	public static String ending(PaymentKey payment, Ending ending) {
		if (ending == null) {
			throw new IllegalArgumentException("ending must not be null");
		}
		return eventId(payment, "Ending", ending.name(), null);
	}

	/**
	 * The shipping the user chose in an express checkout ({@code ShippingSelected}): once
	 * per payment.
	 * @param payment the payment
	 * @return the event id
	 */
	public static String shippingSelected(PaymentKey payment) {
		return eventId(payment, "ShippingSelected", null, null);
	}

	/**
	 * The profile the user shared ({@code UserDetailsShared}): once per payment.
	 * @param payment the payment
	 * @return the event id
	 */
	public static String userDetailsShared(PaymentKey payment) {
		return eventId(payment, "UserDetailsShared", null, null);
	}

	/**
	 * A command that failed for good ({@code PaymentCommandFailed}); only the command
	 * service produces it.
	 * @param payment the payment
	 * @param commandId the failed command
	 * @return the event id
	 * @throws IllegalArgumentException if the command id is blank
	 */
	public static String commandFailed(PaymentKey payment, String commandId) {
		return eventId(payment, "PaymentCommandFailed", requireReference(commandId, "commandId"), null);
	}

	/**
	 * A command rejected because its payment identity is itself invalid (an orderId Vipps
	 * would refuse, an MSN that is not 5-6 digits), so no {@link PaymentKey} can be made
	 * of it: the same rule as {@link #commandFailed(PaymentKey, String)} over the values
	 * as the command carries them, so a valid identity gives exactly that id.
	 * @param merchantSerialNumber the command's MSN as written, may be {@code null}
	 * @param orderId the command's orderId as written, may be {@code null}
	 * @param reference the command id, or what identifies the command when its id is
	 * blank (e.g. the record's topic, partition and offset)
	 * @return the event id
	 * @throws IllegalArgumentException if the reference is blank
	 */
	public static String commandFailed(String merchantSerialNumber, String orderId, String reference) {
		return nameBasedUuid(name(merchantSerialNumber, orderId, "PaymentCommandFailed",
				requireReference(reference, "reference"), null))
			.toString();
	}

	/**
	 * Reconciliation gave up resolving a payment ({@code PaymentOutcomeUnknown}).
	 * @param payment the payment
	 * @param pendingCommandId the command whose outcome is unclear, or {@code null}
	 * @return the event id
	 */
	public static String outcomeUnknown(PaymentKey payment, String pendingCommandId) {
		return eventId(payment, "PaymentOutcomeUnknown", pendingCommandId, null);
	}

	/**
	 * A reminder that a reservation approaches a deadline ({@code ReservationAgeing});
	 * one per deadline, age and remaining amount.
	 * @param payment the payment
	 * @param deadline the deadline approaching
	 * @param ageDays whole days since the reservation
	 * @param remainingAmountToCapture still reserved and uncaptured, in øre
	 * @return the event id
	 */
	public static String reservationAgeing(PaymentKey payment, ReservationDeadline deadline, int ageDays,
			long remainingAmountToCapture) {
		if (deadline == null) {
			throw new IllegalArgumentException("deadline must not be null");
		}
		return eventId(payment, "ReservationAgeing", deadline.name() + "@" + ageDays, remainingAmountToCapture);
	}

	/**
	 * The encoding every rule above goes through; package-private so that no producer
	 * invents its own parts.
	 * @param payment the payment
	 * @param kind the kind of fact
	 * @param reference the reference within that kind, or {@code null}
	 * @param amount an amount in øre, or {@code null}
	 * @return the id as a UUID string
	 */
	static String eventId(PaymentKey payment, String kind, String reference, Long amount) {
		return eventUuid(payment, kind, reference, amount).toString();
	}

	static UUID eventUuid(PaymentKey payment, String kind, String reference, Long amount) {
		if (payment == null) {
			throw new IllegalArgumentException("payment must not be null");
		}
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("kind must not be blank");
		}
		return nameBasedUuid(name(payment.merchantSerialNumber(), payment.orderId(), kind, reference, amount));
	}

	private static byte[] name(String merchantSerialNumber, String orderId, String kind, String reference,
			Long amount) {
		ByteArrayOutputStream name = new ByteArrayOutputStream(128);
		writePart(name, merchantSerialNumber);
		writePart(name, orderId);
		writePart(name, kind);
		writePart(name, reference);
		writePart(name, (amount != null) ? amount.toString() : null);
		return name.toByteArray();
	}

	private static String requireReference(String reference, String name) {
		if (reference == null || reference.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return reference;
	}

	private static String requirePosition(int position) {
		if (position < 1) {
			throw new IllegalArgumentException("position counts from 1, was " + position);
		}
		return Integer.toString(position);
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

	/**
	 * The kinds of ending an id tells apart: exactly what {@code /details} tells apart,
	 * because {@code /details} is the one source that sees every ending. Each happens at
	 * most once per payment. Reports that {@code /details} cannot tell apart share an id
	 * (they are compatible descriptions of one fact, in more or less detail); reports
	 * that it can tell apart do not, so a contradiction between sources reaches consumers
	 * as two events instead of being de-duplicated away.
	 */
	public enum Ending {

		/**
		 * {@code /details} {@code CANCEL}: the user cancelled (callback
		 * {@code CANCELLED}), the user did not act in time (callback {@code REJECTED}),
		 * or the merchant cancelled before the user acted (our cancel's answer):
		 * {@code PaymentRejected} {@code CANCELLED}, {@code REJECTED},
		 * {@code CANCELLED_OR_EXPIRED}, or {@code PaymentCancelled}
		 * {@code MERCHANT_BEFORE_RESERVE}. No money was reserved.
		 */
		CANCEL,

		/**
		 * {@code /details} {@code RESERVE} or {@code SALE} with
		 * {@code operationSuccess: false}: the reservation or direct capture failed
		 * (callback {@code RESERVE_FAILED} or {@code SALE_FAILED};
		 * {@code PaymentRejected} {@code RESERVE_FAILED} or {@code SALE_FAILED}).
		 */
		FAILED,

		/**
		 * {@code /details} {@code VOID}: the merchant cancelled a reservation, all of it
		 * ({@code PaymentCancelled} {@code MERCHANT_VOID}) or its uncaptured rest after
		 * partial captures ({@code RELEASED_REMAINING}); possible once, as nothing can be
		 * captured afterwards.
		 */
		VOID

	}

}
