package com.example.payments.vipps.client.error;

/**
 * Vipps rejected the request as invalid ({@code InvalidRequest}: the error code names the
 * field), or answered another 4xx without a Vipps error group (e.g. 404 for an unknown
 * path).
 *
 * @author vipps-client
 */
public final class VippsInvalidRequestException extends VippsApiException {

	public VippsInvalidRequestException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "invalid_request";
	}

}
