package com.example.payments.vipps.client.callback;

import java.util.List;

import com.example.payments.vipps.client.model.ShippingDetails;

/**
 * The merchant's answer to a shipping-details call ({@code FetchShippingCostResponse} in
 * the spec): the address id and order id echoed, and the options for that address. Build
 * the options with {@link ShippingDetails#ofOre}, so costs in øre become Vipps' NOK
 * exactly. An empty list makes the app show "no shipping methods" for the address.
 *
 * @param addressId the {@code addressId} of the request
 * @param orderId the order
 * @param shippingDetails the options, in the order given
 * @author vipps-client
 */
public record FetchShippingCostResponse(long addressId, String orderId, List<ShippingDetails> shippingDetails) {

	public FetchShippingCostResponse {
		shippingDetails = List.copyOf(shippingDetails);
	}

	/**
	 * The body as Vipps expects it ({@code application/json;charset=UTF-8}), written with
	 * the client's JSON mapping: {@code null} fields (a missing {@code priority}) are
	 * left out, costs are decimals in NOK.
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] toJson() {
		return CallbackReader.write(this);
	}

}
