package com.example.payments.vipps.client.model;

/**
 * {@code transaction} of an initiate request ({@code TransactionInfoInitiate} in the
 * spec).
 *
 * @param orderId {@code ^[a-zA-Z0-9-]{1,50}$}, unique per MSN
 * @param amount øre, at least 100
 * @param transactionText at most 100 characters, shown in the app
 * @param skipLandingPage only for whitelisted sales units, may be {@code null}
 * @param scope space-separated userinfo scopes, may be {@code null}
 * @param useExplicitCheckoutFlow no effect since March 2023, may be {@code null}
 * @author vipps-client
 */
public record InitiateTransaction(String orderId, long amount, String transactionText, Boolean skipLandingPage,
		String scope, Boolean useExplicitCheckoutFlow) {

}
