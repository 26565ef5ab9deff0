package com.example.payments.vipps.client.model;

/**
 * Response of refund ({@code RefundTransactionResponse}). Unlike capture and cancel,
 * Vipps names the operation {@code transaction}, not {@code transactionInfo}.
 *
 * @param orderId the order id
 * @param transaction the refund, status {@code Refund}
 * @param transactionSummary the totals after it
 * @author vipps-client
 */
public record RefundTransactionResponse(String orderId, TransactionInfo transaction,
		TransactionSummary transactionSummary) {

}
