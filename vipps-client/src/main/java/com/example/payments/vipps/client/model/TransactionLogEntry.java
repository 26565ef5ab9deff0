package com.example.payments.vipps.client.model;

import java.time.Instant;

/**
 * One entry of {@code transactionLogHistory} ({@code TransactionLogHistory}), newest
 * first.
 *
 * @param operation what happened
 * @param operationSuccess whether it succeeded: failed operations are logged too;
 * {@code null} when Vipps left it out (the spec requires it, but a missing value means
 * "not known", never "failed")
 * @param amount øre
 * @param transactionText the text
 * @param transactionId Vipps' id, may be {@code null}
 * @param requestId our {@code X-Request-Id} for capture/refund, {@code ""} otherwise;
 * optional, may be {@code null} for any entry
 * @param timeStamp when, may be {@code null}
 * @author vipps-client
 */
public record TransactionLogEntry(TransactionOperation operation, Boolean operationSuccess, long amount,
		String transactionText, String transactionId, String requestId, Instant timeStamp) {

}
