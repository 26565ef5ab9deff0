package com.example.payments.vipps.client.error;

/**
 * A payment operation failed ({@code Payment} group): refused card, capture above the
 * reserved\n * amount (61), refund above the captured amount (71), cancel after capture
 * (51), idempotency\n * key reused with another payload (93) ...
 *
 * @author vipps-client
 */
public final class VippsPaymentException extends VippsApiException {

	public VippsPaymentException(VippsFailure failure, boolean retryable) {
		super(failure, retryable, null);
	}

	@Override
	public String kind() {
		return "payment";
	}

}
