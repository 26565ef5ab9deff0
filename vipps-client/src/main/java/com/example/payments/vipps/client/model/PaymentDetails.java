package com.example.payments.vipps.client.model;

import java.util.List;

/**
 * Response of {@code GET .../details} ({@code TransactionDetails}): the source of truth
 * about a payment.
 *
 * @param orderId the order id
 * @param transactionLogHistory the whole history, newest first (empty, never
 * {@code null})
 * @param transactionSummary the totals; {@code null} until the user has acted
 * @param shippingDetails express only, may be {@code null}
 * @param userDetails express or scope, may be {@code null}
 * @param sub the userinfo subject (scope only), may arrive later
 * @author vipps-client
 */
public record PaymentDetails(String orderId, List<TransactionLogEntry> transactionLogHistory,
		TransactionSummary transactionSummary, PaymentShippingDetails shippingDetails, UserDetails userDetails,
		String sub) {

	public PaymentDetails {
		transactionLogHistory = (transactionLogHistory != null) ? List.copyOf(transactionLogHistory) : List.of();
	}

}
