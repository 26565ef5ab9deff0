package com.example.payments.schema;

import java.util.regex.Pattern;

/**
 * The identity of one Vipps payment and the Kafka key of every payment topic:
 * {@code "{merchantSerialNumber}:{orderId}"}. An orderId is unique only within one sales
 * unit (MSN), so the key needs both; keying every topic by it puts a payment's commands,
 * events and reconciliation state on the same partition number, in order.
 *
 * @param merchantSerialNumber the Vipps sales unit, 5 or 6 digits
 * @param orderId the order id, {@code ^[a-zA-Z0-9-]{1,50}$}
 */
public record PaymentKey(String merchantSerialNumber, String orderId) {

	/** Separates the two parts; it can appear in neither. */
	public static final char SEPARATOR = ':';

	private static final Pattern MERCHANT_SERIAL_NUMBER = Pattern.compile("\\d{5,6}");

	private static final Pattern ORDER_ID = Pattern.compile("[a-zA-Z0-9-]{1,50}");

	/**
	 * Create a key, validating both parts against Vipps' rules.
	 * @param merchantSerialNumber the Vipps sales unit, 5 or 6 digits
	 * @param orderId the order id, {@code ^[a-zA-Z0-9-]{1,50}$}
	 * @throws IllegalArgumentException naming the part that is invalid and why
	 */
	public PaymentKey {
		if (merchantSerialNumber == null || !MERCHANT_SERIAL_NUMBER.matcher(merchantSerialNumber).matches()) {
			throw new IllegalArgumentException(
					"merchantSerialNumber must be 5 or 6 digits, was " + quoted(merchantSerialNumber));
		}
		if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
			throw new IllegalArgumentException(
					"orderId must match ^[a-zA-Z0-9-]{1,50}$ (1 to 50 of a-z, A-Z, 0-9 and '-'), was "
							+ quoted(orderId));
		}
	}

	/**
	 * Create a key, validating both parts against Vipps' rules.
	 * @param merchantSerialNumber the Vipps sales unit, 5 or 6 digits
	 * @param orderId the order id, {@code ^[a-zA-Z0-9-]{1,50}$}
	 * @return the key
	 * @throws IllegalArgumentException naming the part that is invalid and why
	 */
	public static PaymentKey of(String merchantSerialNumber, String orderId) {
		return new PaymentKey(merchantSerialNumber, orderId);
	}

	/**
	 * Parse a Kafka key of the form {@code "{merchantSerialNumber}:{orderId}"}.
	 * @param key the record key
	 * @return the payment identity
	 * @throws IllegalArgumentException if the key lacks the separator or either part is
	 * invalid
	 */
	public static PaymentKey parse(String key) {
		if (key == null) {
			throw new IllegalArgumentException("payment key must not be null");
		}
		int separator = key.indexOf(SEPARATOR);
		if (separator < 0) {
			throw new IllegalArgumentException(
					"payment key must look like '{merchantSerialNumber}:{orderId}', was " + quoted(key));
		}
		return new PaymentKey(key.substring(0, separator), key.substring(separator + 1));
	}

	/**
	 * Return the Kafka key.
	 * @return {@code "{merchantSerialNumber}:{orderId}"}
	 */
	public String asString() {
		return this.merchantSerialNumber + SEPARATOR + this.orderId;
	}

	@Override
	public String toString() {
		return asString();
	}

	private static String quoted(String value) {
		if (value == null) {
			return "null";
		}
		// Keys come from outside; cap what an error message echoes back.
		return "'" + ((value.length() > 64) ? value.substring(0, 64) + "...'" : value + "'");
	}

}
