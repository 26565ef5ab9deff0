package com.example.payments.vipps.client.callback;

import java.time.Instant;

/**
 * {@code transactionInfo} of a callback ({@code CallbackTransactionInfoRegular} /
 * {@code CallbackTransactionInfoExpress}).
 *
 * @param amount øre: reserved or captured, or the amount of the failed or cancelled
 * payment
 * @param status as Vipps sent it, e.g. {@code RESERVED}; see {@link #knownStatus()}
 * @param timeStamp when Vipps performed it (with or without offset), or {@code null} when
 * missing
 * @param transactionId Vipps' id, optional: {@code null} when omitted
 * @author vipps-client
 */
public record CallbackTransactionInfo(long amount, String status, Instant timeStamp, String transactionId) {

	/**
	 * The status as one of the values the guide lists, {@code RESERVE} and
	 * {@code RESERVED} alike.
	 * @return the status, {@link CallbackStatus#UNKNOWN} for anything else
	 */
	public CallbackStatus knownStatus() {
		return CallbackStatus.of(this.status);
	}

}
