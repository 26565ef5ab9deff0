package com.example.payments.vipps.client.error;

/**
 * A payment operation failed ({@code Payment} group): refused card, capture above the
 * reserved amount (61), refund above the captured amount (71), cancel after capture (51),
 * idempotency key reused with another payload (93) ...
 *
 * @author vipps-client
 */
public final class VippsPaymentException extends VippsApiException {

	public VippsPaymentException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "payment";
	}

}
