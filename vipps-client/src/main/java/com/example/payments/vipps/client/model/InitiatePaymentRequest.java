package com.example.payments.vipps.client.model;

/**
 * Body of {@code POST /ecomm/v2/payments} ({@code InitiatePaymentCommand}). The MSN the
 * call is made for is {@code merchantInfo.merchantSerialNumber}.
 *
 * @param customerInfo the customer, may be empty but is always sent
 * @param merchantInfo the merchant, URLs and payment type
 * @param transaction the order id, amount and text
 * @author vipps-client
 */
public record InitiatePaymentRequest(CustomerInfo customerInfo, MerchantInfo merchantInfo,
		InitiateTransaction transaction) {

	public InitiatePaymentRequest {
		customerInfo = (customerInfo != null) ? customerInfo : CustomerInfo.unknown();
	}

	/**
	 * A regular (non-express) payment with the fields nearly every caller sets.
	 * @param msn the merchant serial number (5-6 digits)
	 * @param orderId the order id, unique per MSN
	 * @param amount the amount in øre (at least 100)
	 * @param transactionText the text shown in the app (at most 100 characters)
	 * @param callbackPrefix HTTPS prefix Vipps appends {@code /v2/payments/{orderId}} to
	 * @param fallBack HTTPS URL the user returns to
	 * @param authToken the token Vipps sends back as {@code Authorization} on callbacks
	 * @return the request
	 */
	public static InitiatePaymentRequest regular(String msn, String orderId, long amount, String transactionText,
			String callbackPrefix, String fallBack, String authToken) {
		return new InitiatePaymentRequest(CustomerInfo.unknown(),
				MerchantInfo.regular(msn, callbackPrefix, fallBack, authToken),
				new InitiateTransaction(orderId, amount, transactionText, null, null, null));
	}

}
