package com.example.payments.vipps.client;

import java.util.Objects;

/**
 * One set of Vipps API keys: a sales unit's own keys, or partner keys. The secret and the
 * subscription key never appear in {@link #toString()}, so a logged config or exception
 * cannot leak them.
 *
 * @param clientId {@code client_id}
 * @param clientSecret {@code client_secret} (secret)
 * @param subscriptionKey {@code Ocp-Apim-Subscription-Key} (secret)
 * @author vipps-client
 */
public record VippsCredentials(String clientId, String clientSecret, String subscriptionKey) {

	public VippsCredentials {
		requireText(clientId, "clientId");
		requireText(clientSecret, "clientSecret");
		requireText(subscriptionKey, "subscriptionKey");
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Vipps credentials need a non-blank " + name);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof VippsCredentials that && this.clientId.equals(that.clientId)
				&& this.clientSecret.equals(that.clientSecret) && this.subscriptionKey.equals(that.subscriptionKey);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.clientId, this.subscriptionKey);
	}

	@Override
	public String toString() {
		return "VippsCredentials[clientId=" + this.clientId + ", clientSecret=****, subscriptionKey=****]";
	}

}
