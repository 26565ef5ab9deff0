package com.example.payments.vipps.client.error;

/**
 * Vipps throttled us: HTTP 429 (per-order limits: initiate 2, capture/cancel/refund 5,
 * details 120 per minute) or {@code VippsError} 98 "too many concurrent requests". The
 * request was not processed, so it is safe to send again, but not before
 * {@link #retryAfter()} ({@code Retry-After}, or a whole minute when Vipps sent none).
 *
 * @author vipps-client
 */
public final class VippsRateLimitedException extends VippsApiException {

	public VippsRateLimitedException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "rate_limited";
	}

}
