package com.example.payments.command.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.example.payments.schema.PaymentKey;

/**
 * Whether a command can be carried out for the payment it names: a command id Vipps takes
 * as {@code X-Request-Id}, a valid payment identity, and a record key that is that
 * identity (else the command would not be ordered with the payment's other commands).
 */
public final class CommandIdentity {

	/** Vipps' limit for {@code X-Request-Id}, which the command id becomes. */
	public static final int MAX_COMMAND_ID_LENGTH = 40;

	/** Visible ASCII: what an HTTP header value carries without encoding. */
	private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]+");

	private static final Pattern MSN = Pattern.compile("\\d{5,6}");

	private static final Pattern ORDER_ID = Pattern.compile("[a-zA-Z0-9-]{1,50}");

	private CommandIdentity() {
	}

	/**
	 * Check a command's identity.
	 * @param recordKey the Kafka key the command came with, may be {@code null}
	 * @param commandId the command id
	 * @param merchantSerialNumber the command's MSN
	 * @param orderId the command's order id
	 * @return what is wrong, one sentence per problem; empty when valid
	 */
	public static List<String> problems(String recordKey, String commandId, String merchantSerialNumber,
			String orderId) {
		List<String> problems = new ArrayList<>();
		if (commandId == null || commandId.isEmpty() || commandId.length() > MAX_COMMAND_ID_LENGTH
				|| !HEADER_SAFE.matcher(commandId).matches()) {
			problems.add("commandId must be 1 to " + MAX_COMMAND_ID_LENGTH
					+ " visible ASCII characters (it is Vipps' X-Request-Id), was "
					+ ((commandId != null) ? commandId.length() + " characters" : "missing"));
		}
		if (merchantSerialNumber == null || !MSN.matcher(merchantSerialNumber).matches()) {
			problems.add("merchantSerialNumber must be 5 or 6 digits");
		}
		if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
			problems.add("orderId must match ^[a-zA-Z0-9-]{1,50}$ (Vipps' rule)");
		}
		if (isPayment(merchantSerialNumber, orderId)) {
			String identity = PaymentKey.of(merchantSerialNumber, orderId).asString();
			if (!identity.equals(recordKey)) {
				problems.add("the record key must be the payment identity \"" + identity
						+ "\", so that the payment's commands stay in order; it was "
						+ ((recordKey != null) ? "\"" + abbreviated(recordKey) + "\"" : "missing"));
			}
		}
		return problems;
	}

	/**
	 * Whether the MSN and order id make a valid payment identity.
	 * @param merchantSerialNumber the MSN
	 * @param orderId the order id
	 * @return {@code true} when a {@link PaymentKey} can be made of them
	 */
	public static boolean isPayment(String merchantSerialNumber, String orderId) {
		return merchantSerialNumber != null && MSN.matcher(merchantSerialNumber).matches() && orderId != null
				&& ORDER_ID.matcher(orderId).matches();
	}

	private static String abbreviated(String value) {
		return (value.length() <= 64) ? value : value.substring(0, 64) + "...";
	}

}
