package com.example.payments.vipps.client.model;

/**
 * Body of {@code PUT .../cancel} ({@code CancelPaymentActionRequest}).
 *
 * @param merchantInfo the MSN
 * @param transaction the text
 * @param shouldReleaseRemainingFunds release the uncaptured rest after a partial capture;
 * {@code null} means false
 * @author vipps-client
 */
public record CancelPaymentRequest(MerchantInfoPayment merchantInfo, CancelTransaction transaction,
		Boolean shouldReleaseRemainingFunds) {

	/**
	 * A cancel of a pending or reserved payment.
	 * @param msn the MSN
	 * @param transactionText the text
	 * @return the request
	 */
	public static CancelPaymentRequest of(String msn, String transactionText) {
		return new CancelPaymentRequest(new MerchantInfoPayment(msn), new CancelTransaction(transactionText), null);
	}

	/**
	 * A cancel that releases what is left uncaptured after partial captures.
	 * @param msn the MSN
	 * @param transactionText the text
	 * @return the request
	 */
	public static CancelPaymentRequest releasingRemainingFunds(String msn, String transactionText) {
		return new CancelPaymentRequest(new MerchantInfoPayment(msn), new CancelTransaction(transactionText), true);
	}

}
