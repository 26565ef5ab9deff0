package com.example.payments.vipps.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code merchantInfo} of an initiate request ({@code MerchantInfo} in the spec).
 *
 * @param merchantSerialNumber the MSN, a string of 5-6 digits (a JSON number gives HTTP
 * 500)
 * @param callbackPrefix HTTPS, Vipps appends {@code /v2/payments/{orderId}}
 * @param fallBack HTTPS (or an app scheme when {@code isApp}); note the capital B, which
 * Vipps requires
 * @param authToken sent back by Vipps as {@code Authorization} on callbacks, may be
 * {@code null}
 * @param consentRemovalPrefix HTTPS, required for express
 * @param shippingDetailsPrefix HTTPS, express without static shipping details
 * @param staticShippingDetails fixed shipping options (express), may be {@code null}
 * @param paymentType regular (default when {@code null}) or express
 * @param isApp whether the response url should be an app deeplink, may be {@code null}
 * @author vipps-client
 */
public record MerchantInfo(String merchantSerialNumber, String callbackPrefix,
		@JsonProperty("fallBack") String fallBack, String authToken, String consentRemovalPrefix,
		String shippingDetailsPrefix, List<ShippingDetails> staticShippingDetails, PaymentType paymentType,
		@JsonProperty("isApp") Boolean isApp) {

	/**
	 * A regular payment's merchant info.
	 * @param msn the MSN
	 * @param callbackPrefix the callback prefix
	 * @param fallBack the fallBack URL
	 * @param authToken the callback auth token, may be {@code null}
	 * @return the merchant info
	 */
	public static MerchantInfo regular(String msn, String callbackPrefix, String fallBack, String authToken) {
		return new MerchantInfo(msn, callbackPrefix, fallBack, authToken, null, null, null, null, null);
	}

	@Override
	public String toString() {
		// authToken authenticates Vipps' callbacks to us: keep it out of logs.
		return "MerchantInfo[merchantSerialNumber=" + this.merchantSerialNumber + ", callbackPrefix="
				+ this.callbackPrefix + ", fallBack=" + this.fallBack + ", authToken="
				+ ((this.authToken != null) ? "****" : "null") + ", consentRemovalPrefix=" + this.consentRemovalPrefix
				+ ", shippingDetailsPrefix=" + this.shippingDetailsPrefix + ", staticShippingDetails="
				+ this.staticShippingDetails + ", paymentType=" + this.paymentType + ", isApp=" + this.isApp + "]";
	}

}
