package com.example.payments.vipps.client.error;

/**
 * The client refused to send a request Vipps would reject (or, worse, answer with HTTP
 * 500): no network call was made. {@link #errorCode()} names the offending field, as
 * Vipps does for {@code InvalidRequest}.
 *
 * @author vipps-client
 */
public final class VippsValidationException extends VippsApiException {

	public VippsValidationException(VippsFailure failure) {
		super(failure, false, null);
	}

	@Override
	public String kind() {
		return "validation";
	}

}
