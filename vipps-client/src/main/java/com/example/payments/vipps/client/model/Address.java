package com.example.payments.vipps.client.model;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * A shipping address in details ({@code Address}); {@code zipCode} (the callback
 * spelling) is accepted too.
 *
 * @param addressLine1 line 1
 * @param addressLine2 line 2, may be {@code null}
 * @param city the city
 * @param country {@code Norway} (or {@code NO})
 * @param postCode 4 digits
 * @author vipps-client
 */
public record Address(String addressLine1, String addressLine2, String city, String country,
		@JsonAlias("zipCode") String postCode) {

	@Override
	public String toString() {
		// Personal data: only the coarse part may reach logs.
		return "Address[city=" + this.city + ", country=" + this.country + ", postCode=" + this.postCode + "]";
	}

}
