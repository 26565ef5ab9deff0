package com.example.payments.vipps.client.error;

/**
 * The client refused to send a request Vipps would reject (or, worse, answer with HTTP
 * 500): no network call was made. {@link #errorCode()} names the offending field, as
 * Vipps does for {@code InvalidRequest}.
 *
 * @author vipps-client
 */
public final class VippsValidationException extends VippsApiException {

	/**
	 * An invalid request: fix it ({@link VippsNextStep#FIX_REQUEST}).
	 * @param failure what is wrong
	 */
	public VippsValidationException(VippsFailure failure) {
		this(failure, VippsErrorClassification.invalidRequest());
	}

	/**
	 * A request the client cannot send for another reason, e.g. no credentials for the
	 * MSN.
	 * @param failure what is wrong
	 * @param classification what it means
	 */
	public VippsValidationException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "validation";
	}

}
