package com.example.payments.vipps.client.error;

/**
 * What the caller does after a Vipps call that was not confirmed as applied. The client
 * has already made its own automatic repeats (only the same {@code X-Request-Id} for
 * capture and refund, and requests that provably never reached Vipps) before it reports
 * one of these.
 *
 * @author vipps-client
 */
public enum VippsNextStep {

	/**
	 * Send the same request again later: capture and refund with the <b>same</b>
	 * {@code X-Request-Id}, never a new one. Vipps did not process it and says a repeat
	 * may succeed (order locked 94, refund account 74 once a person funded it, connection
	 * never established, access token not obtained).
	 */
	RETRY_SAME_KEY,

	/**
	 * Throttled, nothing was processed: wait {@code retryAfter} ({@code Retry-After}, or
	 * a whole per-minute rate-limit window when Vipps sent none), then send the same
	 * request again. Safe for every operation.
	 */
	WAIT_THEN_RETRY,

	/**
	 * Read {@code GET /details} before anything else and act on what it shows: the call
	 * may have been applied (timeout, lost connection, 5xx, 52, 63, 99), or the state the
	 * caller wants may already exist (duplicate orderId 34, already processed 92). Never
	 * answered by a new command with a new id; initiate and cancel are never repeated
	 * blindly.
	 */
	READ_DETAILS_FIRST,

	/**
	 * The user has not approved yet (62): poll {@code /details} until the reservation is
	 * there, then capture with the same {@code X-Request-Id}.
	 */
	WAIT_FOR_RESERVATION,

	/**
	 * Our request is wrong (invalid field, amount above what is reserved or captured,
	 * idempotency key reused with another payload): never repeat it as it is; the order
	 * system or a developer must correct it.
	 */
	FIX_REQUEST,

	/**
	 * Final: Vipps refused and nothing the caller does changes that for this payment
	 * (card refused 41-45, cancel after capture 51, refund of a cancelled order 73, ...).
	 * Report the command as failed.
	 */
	GIVE_UP,

	/**
	 * Final, and a person must act: credentials, the sales unit's agreement or setup, the
	 * base URL, a test user, or an error code Vipps does not document.
	 */
	GIVE_UP_TELL_PERSON

}
