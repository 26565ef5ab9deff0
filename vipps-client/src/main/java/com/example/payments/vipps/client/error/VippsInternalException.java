package com.example.payments.vipps.client.error;

/**
 * Vipps failed internally ({@code VippsError} group, or 5xx without a Vipps body).
 * Retryable\n * for 5xx and for 94 (order locked); final for e.g. 91 (transaction not
 * allowed).
 *
 * @author vipps-client
 */
public final class VippsInternalException extends VippsApiException {

	public VippsInternalException(VippsFailure failure, boolean retryable) {
		super(failure, retryable, null);
	}

	@Override
	public String kind() {
		return "vipps_internal";
	}

}
