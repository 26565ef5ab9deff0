package com.example.payments.vipps.simulator;

import java.util.Set;

/**
 * Partner keys: one key set used on behalf of several sales units, which must be named in
 * the {@code Merchant-Serial-Number} header of every call.
 *
 * @param clientId the partner's {@code client_id}
 * @param clientSecret the partner's {@code client_secret}
 * @param subscriptionKey the partner's subscription key
 * @param msns the sales units linked to the partner
 */
public record SimulatedPartner(String clientId, String clientSecret, String subscriptionKey, Set<String> msns) {

	public SimulatedPartner {
		SimulatedMerchant.requireText(clientId, "clientId");
		SimulatedMerchant.requireText(clientSecret, "clientSecret");
		SimulatedMerchant.requireText(subscriptionKey, "subscriptionKey");
		msns = (msns != null) ? Set.copyOf(msns) : Set.of();
	}

	public static SimulatedPartner of(String clientId, String clientSecret, String subscriptionKey, Set<String> msns) {
		return new SimulatedPartner(clientId, clientSecret, subscriptionKey, msns);
	}

	@Override
	public String toString() {
		return "SimulatedPartner[clientId=" + this.clientId + ", msns=" + this.msns + "]";
	}

}
