package com.example.payments.vipps.client.model;

/**
 * The money so far ({@code TransactionSummary}), all in øre.
 *
 * @param capturedAmount captured in total (C)
 * @param remainingAmountToCapture reserved minus captured, 0 after cancel or release
 * @param refundedAmount refunded in total (F)
 * @param remainingAmountToRefund captured minus refunded
 * @param bankIdentificationNumber first 6 card digits, only in details, may be
 * {@code null}
 * @author vipps-client
 */
public record TransactionSummary(long capturedAmount, long remainingAmountToCapture, long refundedAmount,
		long remainingAmountToRefund, Long bankIdentificationNumber) {

}
