package com.example.payments.vipps.client.error;

import java.util.List;

import com.example.payments.vipps.client.VippsOperation;

/**
 * Everything known about one failed Vipps call: what was called, for whom, and what Vipps
 * (or the network) answered. Carried by every {@link VippsApiException}.
 *
 * @param operation the operation that failed
 * @param msn the merchant serial number the call was made for
 * @param orderId the order id, or {@code null} for the access token
 * @param httpStatus the HTTP status, or {@code 0} when no response was received
 * (transport failures, client-side validation)
 * @param errorGroup the Vipps {@code errorGroup} ({@code Payment}, {@code Merchant},
 * ...), or {@code null} when the body carried none (gateway errors, no body)
 * @param errorCode the Vipps {@code errorCode} (a string; the field name for
 * {@code InvalidRequest}), or {@code null}
 * @param errorMessage the message from the body, or a description of the failure
 * @param contextId the Vipps {@code contextId} to quote to Vipps support, or {@code null}
 * @param errors every error of a Vipps error array (usually one)
 * @author vipps-client
 */
public record VippsFailure(VippsOperation operation, String msn, String orderId, int httpStatus, String errorGroup,
		String errorCode, String errorMessage, String contextId, List<VippsError> errors) {

	public VippsFailure {
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	/**
	 * One element of a Vipps error array ({@code Error} in the spec).
	 *
	 * @param errorGroup the group
	 * @param errorCode the code (a string)
	 * @param errorMessage the message
	 * @param contextId the context id, may be {@code null}
	 */
	public record VippsError(String errorGroup, String errorCode, String errorMessage, String contextId) {

	}

}
