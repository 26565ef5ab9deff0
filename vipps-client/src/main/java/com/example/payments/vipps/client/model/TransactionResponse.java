package com.example.payments.vipps.client.model;

/**
 * Response of capture ({@code TransactionResponse}). A capture succeeded only when this
 * arrives with HTTP 200.
 *
 * @param orderId the order id
 * @param paymentInstrument e.g. {@code Mastercard}, may be {@code null}
 * @param transactionInfo the capture just performed
 * @param transactionSummary the totals after it
 * @author vipps-client
 */
public record TransactionResponse(String orderId, String paymentInstrument, TransactionInfo transactionInfo,
		TransactionSummary transactionSummary) {

}
