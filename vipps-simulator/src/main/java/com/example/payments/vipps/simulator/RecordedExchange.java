package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange the simulator took part in: an API call it answered, or a call it
 * made to a merchant endpoint.
 *
 * @param sequence order of recording
 * @param at when the request started
 * @param kind what the exchange was
 * @param msn the sales unit, when known
 * @param orderId the order, when known
 * @param method HTTP method
 * @param url full URL
 * @param requestHeaders request headers
 * @param requestBody request body ("" when none)
 * @param status response status, or -1 when no response arrived (outbound)
 * @param responseHeaders response headers
 * @param responseBody response body ("" when none)
 * @param latency time to the answer
 * @param error transport error (outbound), or null
 * @param injectedFault the fault the simulator injected into this exchange, or null
 */
public record RecordedExchange(long sequence, Instant at, Kind kind, String msn, String orderId, String method,
		String url, Map<String, List<String>> requestHeaders, String requestBody, int status,
		Map<String, List<String>> responseHeaders, String responseBody, Duration latency, String error,
		String injectedFault) {

	public boolean outbound() {
		return this.kind.outbound;
	}

	/**
	 * First value of a request header, case-insensitive.
	 * @param name the header
	 * @return the value or null
	 */
	public String requestHeader(String name) {
		return first(this.requestHeaders, name);
	}

	/**
	 * First value of a response header, case-insensitive.
	 * @param name the header
	 * @return the value or null
	 */
	public String responseHeader(String name) {
		return first(this.responseHeaders, name);
	}

	private static String first(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
				return entry.getValue().get(0);
			}
		}
		return null;
	}

	/**
	 * What an exchange was.
	 */
	public enum Kind {

		/**
		 * Access token.
		 */
		ACCESS_TOKEN(false),

		/**
		 * Initiate.
		 */
		INITIATE(false),

		/**
		 * Capture.
		 */
		CAPTURE(false),

		/**
		 * Cancel.
		 */
		CANCEL(false),

		/**
		 * Refund.
		 */
		REFUND(false),

		/**
		 * Details.
		 */
		DETAILS(false),

		/**
		 * Deprecated status.
		 */
		STATUS(false),

		/**
		 * Force approve.
		 */
		FORCE_APPROVE(false),

		/**
		 * Anything else.
		 */
		UNKNOWN(false),

		/**
		 * Transaction-update callback to the merchant.
		 */
		CALLBACK(true),

		/**
		 * Shipping-details call to the merchant.
		 */
		SHIPPING_DETAILS(true),

		/**
		 * Consent-removal call to the merchant.
		 */
		CONSENT_REMOVAL(true);

		private final boolean outbound;

		Kind(boolean outbound) {
			this.outbound = outbound;
		}

	}

}
