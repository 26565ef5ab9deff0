package com.example.payments.vipps.client.model;

/**
 * Response of cancel ({@code CancelTransactionResponse}).
 *
 * @param orderId the order id
 * @param paymentInstrument may be {@code null}
 * @param transactionInfo the cancel, status {@code Cancelled}
 * @param transactionSummary the totals after it
 * @author vipps-client
 */
public record CancelTransactionResponse(String orderId, String paymentInstrument, TransactionInfo transactionInfo,
		TransactionSummary transactionSummary) {

}
