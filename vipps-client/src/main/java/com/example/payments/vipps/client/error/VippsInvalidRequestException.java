package com.example.payments.vipps.client.error;

/**
 * Vipps rejected the request as invalid ({@code InvalidRequest}: the error code names the
 * field),\n * or answered another 4xx without a Vipps error group (e.g. 404 for an
 * unknown path).
 *
 * @author vipps-client
 */
public final class VippsInvalidRequestException extends VippsApiException {

	public VippsInvalidRequestException(VippsFailure failure, boolean retryable) {
		super(failure, retryable, null);
	}

	@Override
	public String kind() {
		return "invalid_request";
	}

}
