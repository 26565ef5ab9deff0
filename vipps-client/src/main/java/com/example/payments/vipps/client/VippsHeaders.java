package com.example.payments.vipps.client;

/**
 * Header names of the Vipps eCom API (case as Vipps documents them).
 *
 * @author vipps-client
 */
public final class VippsHeaders {

	/** Access token request: the key set's client id. */
	public static final String CLIENT_ID = "client_id";

	/** Access token request: the key set's secret. */
	public static final String CLIENT_SECRET = "client_secret";

	/** Every call: the subscription key. */
	public static final String SUBSCRIPTION_KEY = "Ocp-Apim-Subscription-Key";

	/** Every call: the merchant's MSN (mandatory with partner keys). */
	public static final String MERCHANT_SERIAL_NUMBER = "Merchant-Serial-Number";

	/** Capture and refund: the idempotency key, at most 40 characters. */
	public static final String REQUEST_ID = "X-Request-Id";

	/** Every call: our system's name. */
	public static final String SYSTEM_NAME = "Vipps-System-Name";

	/** Every call: our system's version. */
	public static final String SYSTEM_VERSION = "Vipps-System-Version";

	/** Every call: our plugin's name. */
	public static final String SYSTEM_PLUGIN_NAME = "Vipps-System-Plugin-Name";

	/** Every call: our plugin's version. */
	public static final String SYSTEM_PLUGIN_VERSION = "Vipps-System-Plugin-Version";

	private VippsHeaders() {
	}

}
