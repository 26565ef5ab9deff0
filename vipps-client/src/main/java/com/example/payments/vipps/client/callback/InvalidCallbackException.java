package com.example.payments.vipps.client.callback;

/**
 * A body of a call Vipps makes to us (a transaction-update callback, a shipping-details
 * request) that cannot be read. The message names what is wrong, never a personal value.
 * {@link #malformed()} tells a body that is not a JSON object at all (missing, not JSON,
 * an array) from JSON with missing or wrongly typed fields.
 *
 * @author vipps-client
 */
public class InvalidCallbackException extends IllegalArgumentException {

	private final boolean malformed;

	/**
	 * JSON that is not a valid body: a field missing or of the wrong type.
	 * @param message what is wrong with it
	 */
	public InvalidCallbackException(String message) {
		this(message, false);
	}

	private InvalidCallbackException(String message, boolean malformed) {
		super(message);
		this.malformed = malformed;
	}

	/**
	 * A body that is not a JSON object at all.
	 * @param message what is wrong with it
	 * @return the exception
	 */
	public static InvalidCallbackException malformed(String message) {
		return new InvalidCallbackException(message, true);
	}

	/**
	 * Whether the body is not a JSON object at all (missing, not JSON, another JSON
	 * value), rather than an object with missing or wrongly typed fields.
	 * @return {@code true} when it is not a JSON object
	 */
	public boolean malformed() {
		return this.malformed;
	}

}
