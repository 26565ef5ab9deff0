package com.example.payments.vipps.simulator.engine;

import java.time.Duration;

/**
 * An error answer, in one of the shapes Vipps uses: a Vipps error array, or a gateway
 * error (401, 403 from the gateway, 429).
 */
public final class VippsApiException extends RuntimeException {

	private final int httpStatus;

	private final boolean gateway;

	private final String errorGroup;

	private final String errorCode;

	private final Duration retryAfter;

	private VippsApiException(int httpStatus, boolean gateway, String errorGroup, String errorCode, String message,
			Duration retryAfter) {
		super(message);
		this.httpStatus = httpStatus;
		this.gateway = gateway;
		this.errorGroup = errorGroup;
		this.errorCode = errorCode;
		this.retryAfter = retryAfter;
	}

	/**
	 * A Vipps application error ({@code [{errorGroup, errorCode, errorMessage,
	 * contextId}]}).
	 * @param httpStatus the status
	 * @param errorGroup the group
	 * @param errorCode the code (a field name for InvalidRequest)
	 * @param message the message
	 * @return the exception
	 */
	public static VippsApiException vipps(int httpStatus, String errorGroup, String errorCode, String message) {
		return new VippsApiException(httpStatus, false, errorGroup, errorCode, message, null);
	}

	public static VippsApiException invalid(String field, String message) {
		return vipps(400, "InvalidRequest", field, message);
	}

	public static VippsApiException payment(String code, String message) {
		return vipps(400, "Payment", code, message);
	}

	public static VippsApiException internal(String message) {
		return vipps(500, "VippsError", "99", message);
	}

	public static VippsApiException gateway(int httpStatus, String message) {
		return new VippsApiException(httpStatus, true, null, null, message, null);
	}

	public static VippsApiException rateLimited(Duration retryAfter) {
		return new VippsApiException(429, true, null, null,
				"Rate limit is exceeded. Try again in " + retryAfterSeconds(retryAfter) + " seconds.", retryAfter);
	}

	static long retryAfterSeconds(Duration retryAfter) {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public boolean gateway() {
		return this.gateway;
	}

	public String errorGroup() {
		return this.errorGroup;
	}

	public String errorCode() {
		return this.errorCode;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public Long retryAfterSeconds() {
		return (this.retryAfter != null) ? retryAfterSeconds(this.retryAfter) : null;
	}

}
