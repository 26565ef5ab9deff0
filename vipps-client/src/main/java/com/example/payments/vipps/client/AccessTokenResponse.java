package com.example.payments.vipps.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The access token endpoint's answer. Vipps' examples give the numbers as JSON numbers
 * and as strings ({@code "expires_in": "86398"}); Jackson's scalar coercion reads both.
 *
 * @param tokenType {@code Bearer}
 * @param expiresIn lifetime in seconds
 * @param accessToken the JWT (a secret)
 * @author vipps-client
 */
record AccessTokenResponse(@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("access_token") String accessToken) {

	@Override
	public String toString() {
		return "AccessTokenResponse[tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn
				+ ", accessToken=****]";
	}

}
