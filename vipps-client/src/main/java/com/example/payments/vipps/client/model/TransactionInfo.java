package com.example.payments.vipps.client.model;

import java.time.Instant;

/**
 * The operation just performed, in capture, cancel and refund responses
 * ({@code TransactionInfo} / {@code TransactionInfoCancel}).
 *
 * @param amount øre
 * @param status {@code Captured}, {@code Cancelled} or {@code Refund} (mixed case)
 * @param timeStamp when Vipps performed it (parsed leniently: with or without offset)
 * @param transactionId Vipps' transaction id, may be {@code null} for cancel
 * @param transactionText the text we sent
 * @author vipps-client
 */
public record TransactionInfo(long amount, String status, Instant timeStamp, String transactionId,
		String transactionText) {

}
