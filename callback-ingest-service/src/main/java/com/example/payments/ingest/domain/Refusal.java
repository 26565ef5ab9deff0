package com.example.payments.ingest.domain;

import java.util.Locale;

/**
 * Why a call from Vipps (or from someone pretending to be Vipps) was not acted on: no
 * event, an HTTP status that says so and a message that says what is wrong. Messages name
 * fields and rules, never a personal value or a secret.
 *
 * @param reason the kind of refusal, which decides the HTTP status and the metric tag
 * @param message what is wrong, for the caller and the log
 */
public record Refusal(Reason reason, String message) {

	public Refusal {
		if (reason == null || message == null) {
			throw new IllegalArgumentException("reason and message are required");
		}
	}

	/**
	 * The closed set of refusals, each with its HTTP status.
	 */
	public enum Reason {

		/** No {@code Authorization} header where the payment's authToken is required. */
		MISSING_TOKEN(401),

		/** An {@code Authorization} header that is not this payment's authToken. */
		WRONG_TOKEN(401),

		/** The consent-removal path does not carry the configured secret segment. */
		WRONG_SECRET(401),

		/** The caller's address is not on the configured allowlist. */
		SOURCE_NOT_ALLOWED(403),

		/** No body, or a body that is not a JSON object. */
		MALFORMED_BODY(400),

		/** A JSON object with missing, wrongly typed or invalid fields. */
		INVALID_BODY(400),

		/** The body's orderId is not the one in the path. */
		ORDER_ID_MISMATCH(400),

		/** A callback status Vipps does not send. */
		UNKNOWN_STATUS(400),

		/** A consent removal for a user id that cannot be Vipps'. */
		INVALID_USER_ID(400),

		/** A body over the configured size limit. */
		TOO_LARGE(413);

		private final int httpStatus;

		Reason(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		/**
		 * The HTTP status the caller gets.
		 * @return 400, 401, 403 or 413
		 */
		public int httpStatus() {
			return this.httpStatus;
		}

		/**
		 * The value of the {@code reason} metric tag and of the error body's
		 * {@code error} field.
		 * @return e.g. {@code wrong_token}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
