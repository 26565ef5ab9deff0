package com.example.payments.ingest.shipping.domain;

/**
 * What of an address decides its shipping options.
 *
 * @param country as Vipps sent it ({@code NO}, {@code Norway})
 * @param postCode four digits in Norway
 */
public record ShippingAddress(String country, String postCode) {

	@Override
	public String toString() {
		// Only the coarse part of an address, never a street line, reaches this type.
		return "ShippingAddress[country=" + this.country + ", postCode=" + this.postCode + "]";
	}

}
