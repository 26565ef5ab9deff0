package com.example.payments.vipps.simulator;

import java.util.regex.Pattern;

/**
 * A sales unit (MSN) the simulator knows, with its own API keys.
 *
 * @param msn the merchant serial number (5 or 6 digits)
 * @param clientId the {@code client_id} for the access-token endpoint
 * @param clientSecret the {@code client_secret}
 * @param subscriptionKey the {@code Ocp-Apim-Subscription-Key}
 * @param directCapture whether Vipps captures at reservation (SALE) for this MSN
 * @param skipLandingPageAllowed whether the MSN is whitelisted for
 * {@code skipLandingPage}
 */
public record SimulatedMerchant(String msn, String clientId, String clientSecret, String subscriptionKey,
		boolean directCapture, boolean skipLandingPageAllowed) {

	private static final Pattern MSN = Pattern.compile("^\\d{5,6}$");

	public SimulatedMerchant {
		requireText(clientId, "clientId");
		requireText(clientSecret, "clientSecret");
		requireText(subscriptionKey, "subscriptionKey");
		if (msn == null || !MSN.matcher(msn).matches()) {
			throw new IllegalArgumentException("merchant msn must be 5 or 6 digits, was '" + msn + "'");
		}
	}

	public static SimulatedMerchant of(String msn, String clientId, String clientSecret, String subscriptionKey) {
		return new SimulatedMerchant(msn, clientId, clientSecret, subscriptionKey, false, false);
	}

	public SimulatedMerchant directCapture(boolean enabled) {
		return new SimulatedMerchant(this.msn, this.clientId, this.clientSecret, this.subscriptionKey, enabled,
				this.skipLandingPageAllowed);
	}

	public SimulatedMerchant skipLandingPageAllowed(boolean allowed) {
		return new SimulatedMerchant(this.msn, this.clientId, this.clientSecret, this.subscriptionKey,
				this.directCapture, allowed);
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		// Never print secrets.
		return "SimulatedMerchant[msn=" + this.msn + ", clientId=" + this.clientId + ", directCapture="
				+ this.directCapture + "]";
	}

}
