package com.example.payments.command.domain;

import java.util.List;

import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;

/**
 * Whether a payment's money is reserved, as its {@code /details} history shows: what a
 * capture refused with "not reserved yet" (Payment 62) waits for.
 */
public enum Reservation {

	/** The user approved: a successful {@code RESERVE} or {@code SALE}. */
	RESERVED,

	/**
	 * It never will be: the payment was cancelled, voided, timed out, or its reservation
	 * failed.
	 */
	ENDED,

	/** Not yet: the user has not acted. */
	PENDING;

	/**
	 * Read the history.
	 * @param history the {@code transactionLogHistory}, in any order
	 * @return the state
	 */
	public static Reservation of(List<TransactionLogEntry> history) {
		boolean ended = false;
		for (TransactionLogEntry entry : history) {
			TransactionOperation operation = entry.operation();
			boolean reserving = operation == TransactionOperation.RESERVE || operation == TransactionOperation.SALE;
			if (reserving && Boolean.TRUE.equals(entry.operationSuccess())) {
				return RESERVED;
			}
			if ((reserving && Boolean.FALSE.equals(entry.operationSuccess()))
					|| ((operation == TransactionOperation.CANCEL || operation == TransactionOperation.VOID)
							&& Boolean.TRUE.equals(entry.operationSuccess()))) {
				ended = true;
			}
		}
		return ended ? ENDED : PENDING;
	}

}
