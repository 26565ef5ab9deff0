package com.example.payments.vipps.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Vipps throttled us: HTTP 429 (per-order limits: initiate 2, capture/cancel/refund 5,
 * details 120 per minute) or {@code VippsError} 98 "too many concurrent requests". The
 * request was not processed, so it is safe to send again, but not before
 * {@link #retryAfter()}.
 *
 * @author vipps-client
 */
public final class VippsRateLimitedException extends VippsApiException {

	private final Duration retryAfter;

	public VippsRateLimitedException(VippsFailure failure, Duration retryAfter) {
		super(failure, true, null);
		this.retryAfter = retryAfter;
	}

	@Override
	public String kind() {
		return "rate_limited";
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
