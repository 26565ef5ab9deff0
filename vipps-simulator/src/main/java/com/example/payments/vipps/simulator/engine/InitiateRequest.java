package com.example.payments.vipps.simulator.engine;

import java.util.List;

/**
 * A validated initiate request.
 *
 * @param msn sales unit
 * @param orderId order
 * @param amount øre
 * @param transactionText text
 * @param callbackPrefix callback prefix
 * @param fallBack fallBack
 * @param authToken authToken or null
 * @param consentRemovalPrefix consent removal prefix or null
 * @param shippingDetailsPrefix shipping details prefix or null
 * @param staticShippingDetails static shipping options, empty when none
 * @param express express checkout
 * @param isApp app deeplink wanted
 * @param skipLandingPage push straight to the app
 * @param mobileNumber 8 digits or null
 * @param scope profile scope or null
 */
public record InitiateRequest(String msn, String orderId, long amount, String transactionText, String callbackPrefix,
		String fallBack, String authToken, String consentRemovalPrefix, String shippingDetailsPrefix,
		List<ShippingOption> staticShippingDetails, boolean express, boolean isApp, boolean skipLandingPage,
		String mobileNumber, String scope) {
}
