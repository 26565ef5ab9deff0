package com.example.payments.vipps.client.model;

/**
 * Body of capture and refund ({@code PaymentActionsRequest}).
 *
 * @param merchantInfo the MSN
 * @param transaction the amount and text
 * @author vipps-client
 */
public record PaymentActionsRequest(MerchantInfoPayment merchantInfo, Transaction transaction) {

	/**
	 * A capture or refund of {@code amount} øre.
	 * @param msn the MSN
	 * @param amount øre, or {@code null} for the whole remaining amount
	 * @param transactionText the text (at most 100 characters)
	 * @return the request
	 */
	public static PaymentActionsRequest of(String msn, Long amount, String transactionText) {
		return new PaymentActionsRequest(new MerchantInfoPayment(msn), new Transaction(amount, transactionText));
	}

}
