package com.example.payments.command.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.example.payments.command.handling.MerchantEndpoints;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Vipps calls the merchant back, sent with every initiate
 * ({@code payments.command.callbacks.*}): the callback-ingest-service's public prefixes,
 * and the secret of the {@code authToken} that service verifies. No defaults: a
 * deployment must say where its ingest service is reachable and share its secret.
 *
 * @param callbackPrefix HTTPS prefix of transaction-update callbacks (Vipps appends
 * {@code /v2/payments/{orderId}})
 * @param shippingDetailsPrefix HTTPS prefix of shipping-details calls for express
 * payments with address-dependent shipping
 * @param consentRemovalPrefix HTTPS prefix of consent removals (express payments)
 * @param authTokenSecret the secret of the callback {@code authToken}, at least 32 bytes,
 * the same as the ingest service's current secret; never logged
 */
@ConfigurationProperties("payments.command.callbacks")
public record MerchantCallbackProperties(String callbackPrefix, String shippingDetailsPrefix,
		String consentRemovalPrefix, String authTokenSecret) {

	/** Vipps' limit for every merchant URL. */
	static final int MAX_URL_LENGTH = 255;

	/**
	 * The prefixes, checked as Vipps checks them: absolute HTTPS URLs of at most 255
	 * characters; plain HTTP only to a loopback host, and only when the Vipps client
	 * allows it ({@code vipps.client.allow-insecure-local-urls}, tests and the local
	 * stack).
	 * @param allowLoopbackHttp whether plain HTTP to loopback hosts is accepted
	 * @return the endpoints
	 * @throws IllegalStateException naming the property that is missing or not accepted
	 */
	MerchantEndpoints endpoints(boolean allowLoopbackHttp) {
		return new MerchantEndpoints(check("callback-prefix", this.callbackPrefix, allowLoopbackHttp),
				check("shipping-details-prefix", this.shippingDetailsPrefix, allowLoopbackHttp),
				check("consent-removal-prefix", this.consentRemovalPrefix, allowLoopbackHttp));
	}

	@Override
	public String toString() {
		return "MerchantCallbackProperties[callbackPrefix=" + this.callbackPrefix + ", shippingDetailsPrefix="
				+ this.shippingDetailsPrefix + ", consentRemovalPrefix=" + this.consentRemovalPrefix
				+ ", authTokenSecret=" + ((this.authTokenSecret != null) ? "****" : "null") + "]";
	}

	private static String check(String name, String value, boolean allowLoopbackHttp) {
		String property = "payments.command.callbacks." + name;
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(property + " is required: the callback-ingest-service's public URL prefix");
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(property + " is not a URL: " + ex.getMessage());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		boolean loopback = host != null
				&& (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
		boolean accepted = host != null && value.length() <= MAX_URL_LENGTH
				&& (("https".equals(scheme) && (!loopback || allowLoopbackHttp))
						|| ("http".equals(scheme) && loopback && allowLoopbackHttp));
		if (!accepted) {
			throw new IllegalStateException(property + " must be an absolute HTTPS URL of at most " + MAX_URL_LENGTH
					+ " characters that Vipps can reach (plain HTTP only to localhost, and only with "
					+ "vipps.client.allow-insecure-local-urls=true), was " + value);
		}
		return value;
	}

}
