package com.example.payments.vipps.client.error;

/**
 * Vipps failed internally or is busy ({@code VippsError} group: 91 not allowed, 92
 * already processed, 93 key reused, 94 order locked, 99 internal error), a 5xx without a
 * Vipps body, or a 2xx of a read whose body cannot be read. See {@link #classification()}
 * for what it means.
 *
 * @author vipps-client
 */
public final class VippsInternalException extends VippsApiException {

	public VippsInternalException(VippsFailure failure, VippsErrorClassification classification) {
		super(failure, classification, null);
	}

	@Override
	public String kind() {
		return "vipps_internal";
	}

}
