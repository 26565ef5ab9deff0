package com.example.payments.vipps.client.callback;

/**
 * What Vipps posts to
 * {@code {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails} in an express
 * checkout ({@code ShippingCostAndMethod} in the spec): the address the user picked, for
 * which the merchant answers with shipping options ({@link FetchShippingCostResponse})
 * within 10 seconds. The {@code Authorization} header carries the payment's
 * {@code authToken}, as on the callback.
 *
 * @param addressId Vipps' id of the address, echoed in the answer
 * @param addressLine1 line 1, may be {@code null}
 * @param addressLine2 line 2, may be {@code null}
 * @param city the city, may be {@code null}
 * @param country as sent, {@code "NO"} (the spec's default, used when it is missing) or
 * {@code "Norway"}
 * @param postCode four digits for Norway
 * @param addressType {@code H}, {@code W} or {@code O}, may be {@code null}
 * @author vipps-client
 */
public record ShippingCostAndMethod(long addressId, String addressLine1, String addressLine2, String city,
		String country, String postCode, String addressType) {

	/** The country the spec assumes when Vipps leaves it out. */
	public static final String DEFAULT_COUNTRY = "NO";

	/**
	 * Read a shipping-details request body with the client's JSON mapping (unknown fields
	 * ignored).
	 * @param body the raw request body
	 * @return the request
	 * @throws InvalidCallbackException if the body is not a JSON object, or lacks an
	 * integer {@code addressId} or a string {@code postCode}; the message names the
	 * field, never a personal value
	 */
	public static ShippingCostAndMethod parse(byte[] body) {
		return CallbackReader.readShippingRequest(body);
	}

	@Override
	public String toString() {
		// Personal data: only the coarse part may reach logs.
		return "ShippingCostAndMethod[addressId=" + this.addressId + ", city=" + this.city + ", country=" + this.country
				+ ", postCode=" + this.postCode + ", addressType=" + this.addressType + "]";
	}

}
