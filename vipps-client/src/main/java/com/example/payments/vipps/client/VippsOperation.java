package com.example.payments.vipps.client;

/**
 * The Vipps eCom API v2 operations this client performs. The {@link #tag()} is the value
 * of the {@code operation} metric tag.
 *
 * @author vipps-client
 */
public enum VippsOperation {

	/** {@code POST /accesstoken/get}. */
	ACCESS_TOKEN("access_token"),

	/** {@code POST /ecomm/v2/payments}: not idempotent, no {@code X-Request-Id}. */
	INITIATE("initiate"),

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/capture}: idempotent by
	 * {@code X-Request-Id}.
	 */
	CAPTURE("capture"),

	/**
	 * {@code PUT /ecomm/v2/payments/{orderId}/cancel}: not idempotent, no
	 * {@code X-Request-Id}.
	 */
	CANCEL("cancel"),

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/refund}: idempotent by
	 * {@code X-Request-Id}.
	 */
	REFUND("refund"),

	/** {@code GET /ecomm/v2/payments/{orderId}/details}: read only. */
	DETAILS("details");

	private final String tag;

	VippsOperation(String tag) {
		this.tag = tag;
	}

	/**
	 * The lower-case name used in metric tags and log lines.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
