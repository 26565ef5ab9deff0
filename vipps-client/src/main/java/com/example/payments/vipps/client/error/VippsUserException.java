package com.example.payments.vipps.client.error;

/**
 * A user problem ({@code User} group): unknown or malformed phone number (81), app too
 * old (82).
 *
 * @author vipps-client
 */
public final class VippsUserException extends VippsApiException {

	public VippsUserException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "user";
	}

}
