package com.example.payments.vipps.client.error;

/**
 * Vipps refused our credentials or token (401), or our right to act for the MSN (403:
 * partner keys with a foreign MSN, "Merchant Not Allowed for Ecommerce Payment" from the
 * gateway).
 *
 * @author vipps-client
 */
public final class VippsAuthenticationException extends VippsApiException {

	public VippsAuthenticationException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "authentication";
	}

}
