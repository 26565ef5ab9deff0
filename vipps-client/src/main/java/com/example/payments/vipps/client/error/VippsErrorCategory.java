package com.example.payments.vipps.client.error;

/**
 * Who or what a failed Vipps call is about, classified once here so that every service
 * reports it the same way. The names match {@code PaymentCommandFailed.errorCategory} in
 * the event schema (which adds {@code UNKNOWN} as its default only).
 *
 * @author vipps-client
 */
public enum VippsErrorCategory {

	/**
	 * The request was invalid: Vipps' {@code InvalidRequest} group, another 4xx without a
	 * Vipps group (e.g. 404 for a path Vipps does not serve), or the client's own checks.
	 */
	VALIDATION,

	/**
	 * Credentials or token refused: 401, 403 from the gateway, group
	 * {@code Authentication}.
	 */
	AUTHENTICATION,

	/**
	 * The sales unit is not allowed or not set up: group {@code Merchant}.
	 */
	MERCHANT,

	/**
	 * A payment rule or the card issuer refused it: group {@code Payment}.
	 */
	PAYMENT,

	/**
	 * The user cannot pay: group {@code User}.
	 */
	USER,

	/**
	 * Vipps itself failed or is busy: group {@code VippsError}, or a 5xx without one.
	 */
	VIPPS_INTERNAL,

	/**
	 * Throttled: HTTP 429, or {@code VippsError} 98 (too many concurrent requests).
	 */
	RATE_LIMITED,

	/**
	 * No usable HTTP answer: connection refused, timed out, or lost.
	 */
	TRANSPORT

}
