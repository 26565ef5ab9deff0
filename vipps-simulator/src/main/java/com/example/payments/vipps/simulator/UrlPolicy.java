package com.example.payments.vipps.simulator;

/**
 * How strictly merchant URLs given at initiation ({@code callbackPrefix},
 * {@code fallBack}, {@code consentRemovalPrefix}, {@code shippingDetailsPrefix}) are
 * checked. Vipps accepts HTTPS only; a {@code fallBack} may also be an app URL
 * ({@code myapp://...}) or {@code INTENT} under every policy.
 */
public enum UrlPolicy {

	/**
	 * Like Vipps: HTTPS only, and no localhost, loopback, private or dot-less hosts.
	 */
	STRICT,

	/**
	 * The default: HTTPS, except that loopback hosts ({@code localhost},
	 * {@code 127.0.0.0/8}, {@code ::1}) may also use plain HTTP, so a merchant running on
	 * the same machine works while {@code http://shop.example.com} is refused as Vipps
	 * refuses it.
	 */
	ALLOW_LOCAL_HTTP,

	/**
	 * Plain HTTP to any host, for container networks where the merchant is
	 * {@code http://service:8080}. Vipps never accepts this.
	 */
	ALLOW_HTTP

}
