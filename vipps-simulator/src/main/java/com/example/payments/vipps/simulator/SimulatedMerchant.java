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
 * @param name the sales unit's name as the user sees it on the landing page; default
 * {@code "Shop <msn>"}
 */
public record SimulatedMerchant(String msn, String clientId, String clientSecret, String subscriptionKey,
		boolean directCapture, boolean skipLandingPageAllowed, String name) {

	private static final Pattern MSN = Pattern.compile("^\\d{5,6}$");

	public SimulatedMerchant {
		requireText(clientId, "clientId");
		requireText(clientSecret, "clientSecret");
		requireText(subscriptionKey, "subscriptionKey");
		if (msn == null || !MSN.matcher(msn).matches()) {
			throw new IllegalArgumentException("merchant msn must be 5 or 6 digits, was '" + msn + "'");
		}
		name = (name != null && !name.isBlank()) ? name.strip() : "Shop " + msn;
		if (name.length() > 100) {
			throw new IllegalArgumentException("merchant name must be at most 100 characters");
		}
	}

	public static SimulatedMerchant of(String msn, String clientId, String clientSecret, String subscriptionKey) {
		return new SimulatedMerchant(msn, clientId, clientSecret, subscriptionKey, false, false, null);
	}

	public SimulatedMerchant directCapture(boolean enabled) {
		return new SimulatedMerchant(this.msn, this.clientId, this.clientSecret, this.subscriptionKey, enabled,
				this.skipLandingPageAllowed, this.name);
	}

	public SimulatedMerchant skipLandingPageAllowed(boolean allowed) {
		return new SimulatedMerchant(this.msn, this.clientId, this.clientSecret, this.subscriptionKey,
				this.directCapture, allowed, this.name);
	}

	/**
	 * The name the user sees on the landing page.
	 * @param displayName e.g. {@code "Acme Socks"}
	 * @return a copy with the name
	 */
	public SimulatedMerchant name(String displayName) {
		return new SimulatedMerchant(this.msn, this.clientId, this.clientSecret, this.subscriptionKey,
				this.directCapture, this.skipLandingPageAllowed, displayName);
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		// Never print secrets.
		return "SimulatedMerchant[msn=" + this.msn + ", name=" + this.name + ", clientId=" + this.clientId
				+ ", directCapture=" + this.directCapture + "]";
	}

}
