package com.example.payments.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generated callback bodies that are each wrong in some way Vipps' never are: broken or
 * truncated JSON, random bytes, invalid UTF-8, deep nesting, missing required fields,
 * fields of the wrong type or with values no callback carries (an unknown status, a
 * negative amount, an MSN or orderId that is not one, a shipping cost in fractions of an
 * øre), and an orderId other than the path's. Every one must be refused (400) and become
 * no event. Reproducible: the same seed gives the same bodies.
 */
public final class MalformedCallbacks {

	/**
	 * What no object field may be (null and {} would be a missing profile, not a wrong
	 * one).
	 */
	private static final String[] WRONG_VALUES = { "\"text\"", "1.5", "true", "[]", "-1" };

	private final Random random;

	private final List<Function<String, String>> mutations = new ArrayList<>();

	public MalformedCallbacks(long seed) {
		this.random = new Random(seed);
		this.mutations.add(this::truncated);
		this.mutations.add((orderId) -> randomText());
		this.mutations.add((orderId) -> without(orderId, "merchantSerialNumber"));
		this.mutations.add((orderId) -> without(orderId, "orderId"));
		this.mutations.add((orderId) -> without(orderId, "transactionInfo"));
		this.mutations.add((orderId) -> without(orderId, "status"));
		this.mutations.add((orderId) -> without(orderId, "amount"));
		this.mutations.add((orderId) -> valid(orderId).replace("\"amount\":20000", "\"amount\":" + pick(
				new String[] { "\"20000\"", "1.5", "true", "null", "[]", "{}", "-100", "99999999999999999999999" })));
		this.mutations.add((orderId) -> valid(orderId).replace("\"status\":\"RESERVE\"",
				"\"status\":" + pick(new String[] { "1", "null", "true", "[]", "{}", "\"\"", "\"reserved\"",
						"\"TELEPORTED\"", "\"" + randomWord() + "\"" })));
		this.mutations
			.add((orderId) -> valid(orderId).replace("\"merchantSerialNumber\":123456", "\"merchantSerialNumber\":"
					+ pick(new String[] { "\"abc\"", "1234567", "12", "true", "null", "[]", "{}", "\"\"" })));
		this.mutations.add((orderId) -> valid(orderId).replace("\"orderId\":\"" + orderId + "\"", "\"orderId\":"
				+ pick(new String[] { "\"other-order\"", "1", "null", "true", "[]", "{}", "\"\"", "\"has space\"" })));
		this.mutations.add((orderId) -> valid(orderId).replace("\"transactionInfo\":{",
				"\"transactionInfo\":" + pick(new String[] { "[]", "\"x\"", "1", "null" }) + ",\"ignored\":{"));
		this.mutations.add((orderId) -> valid(orderId).replace("\"timeStamp\":\"2026-12-01T10:00:00.000Z\"",
				"\"timeStamp\":" + pick(new String[] { "\"not-a-time\"", "\"2026-13-45\"", "true", "[]", "{}" })));
		this.mutations.add((orderId) -> valid(orderId).replace("\"userDetails\":{",
				"\"userDetails\":" + pick(WRONG_VALUES) + ",\"ignored\":{"));
		this.mutations.add((orderId) -> valid(orderId).replace("\"shippingCost\":49.5",
				"\"shippingCost\":" + pick(new String[] { "49.505", "true", "[]", "{}", "-10" })));
		this.mutations.add((orderId) -> "[".repeat(2000) + "]".repeat(2000));
		this.mutations.add((orderId) -> pick(new String[] { "", " ", "null", "[]", "\"callback\"", "42", "{" }));
		this.mutations.add((orderId) -> valid(orderId) + pick(new String[] { "}", ",", "{}", "x" }));
	}

	/**
	 * The body Vipps sends for an express reservation, to be spoilt.
	 * @param orderId the order
	 * @return the JSON
	 */
	public static String valid(String orderId) {
		return "{\"merchantSerialNumber\":123456,\"orderId\":\"" + orderId + "\",\"shippingDetails\":{\"address\":"
				+ "{\"addressLine1\":\"Dronning Eufemias gate 42\",\"city\":\"Oslo\",\"country\":\"NO\","
				+ "\"zipCode\":\"0191\"},\"shippingCost\":49.5,\"shippingMethod\":\"Posten\","
				+ "\"shippingMethodId\":\"posten\"},\"transactionInfo\":{\"amount\":20000,\"status\":\"RESERVE\","
				+ "\"timeStamp\":\"2026-12-01T10:00:00.000Z\",\"transactionId\":\"5001420062\"},\"userDetails\":{"
				+ "\"email\":\"user@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
				+ "\"mobileNumber\":\"91234567\",\"userId\":\"uiJskNQ6qNN1iwN891uuob==\"}}";
	}

	/**
	 * The next malformed body for a callback about an order.
	 * @param orderId the order of the path (and of the body, where it has one)
	 * @return the body's bytes, possibly not even UTF-8
	 */
	public byte[] next(String orderId) {
		if (this.random.nextInt(20) == 0) {
			byte[] bytes = new byte[1 + this.random.nextInt(300)];
			this.random.nextBytes(bytes);
			return bytes;
		}
		return this.mutations.get(this.random.nextInt(this.mutations.size()))
			.apply(orderId)
			.getBytes(StandardCharsets.UTF_8);
	}

	private String truncated(String orderId) {
		String body = valid(orderId);
		return body.substring(0, this.random.nextInt(body.length() - 1));
	}

	private String without(String orderId, String field) {
		String body = valid(orderId);
		int start = body.indexOf("\"" + field + "\":");
		int end = start + field.length() + 3;
		int depth = 0;
		while (end < body.length()) {
			char c = body.charAt(end);
			if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				if (depth == 0) {
					break;
				}
				depth--;
			}
			else if (c == ',' && depth == 0) {
				end++;
				break;
			}
			end++;
		}
		String cut = body.substring(0, start) + body.substring(end);
		return cut.replace(",}", "}");
	}

	private String randomText() {
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(200);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(0x20 + this.random.nextInt(0x2ff));
		}
		return text.toString();
	}

	private String randomWord() {
		return Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36).toUpperCase();
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
