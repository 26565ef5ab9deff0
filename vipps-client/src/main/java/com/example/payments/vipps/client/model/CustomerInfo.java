package com.example.payments.vipps.client.model;

/**
 * {@code customerInfo} of an initiate request.
 *
 * @param mobileNumber 8 digits without country code, only when already known;
 * {@code null} otherwise
 * @author vipps-client
 */
public record CustomerInfo(String mobileNumber) {

	/**
	 * No known customer: serialised as {@code {}}.
	 * @return an empty customer info
	 */
	public static CustomerInfo unknown() {
		return new CustomerInfo(null);
	}

	@Override
	public String toString() {
		return "CustomerInfo[mobileNumber=" + ((this.mobileNumber != null) ? "****" : "null") + "]";
	}

}
