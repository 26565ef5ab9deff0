package com.example.payments.vipps.client.error;

/**
 * Vipps refused our credentials or token (401), or our right to act for the MSN (403:
 * partner\n * keys with a foreign MSN, "Merchant Not Allowed for Ecommerce Payment" from
 * the gateway).
 *
 * @author vipps-client
 */
public final class VippsAuthenticationException extends VippsApiException {

	public VippsAuthenticationException(VippsFailure failure, boolean retryable) {
		super(failure, retryable, null);
	}

	@Override
	public String kind() {
		return "authentication";
	}

}
