package com.example.payments.vipps.client.error;

/**
 * A sales unit problem ({@code Merchant} group): duplicate orderId (34), unknown orderId
 * for this MSN (35), sales unit unavailable (37), not allowed for eCom payments (97) ...
 *
 * @author vipps-client
 */
public final class VippsMerchantException extends VippsApiException {

	public VippsMerchantException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "merchant";
	}

}
