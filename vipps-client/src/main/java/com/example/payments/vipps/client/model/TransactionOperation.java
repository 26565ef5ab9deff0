package com.example.payments.vipps.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The {@code operation} of a details history entry.
 *
 * @author vipps-client
 */
public enum TransactionOperation {

	/** Payment initiated by the merchant. */
	INITIATE,

	/** User approved; amount reserved. */
	RESERVE,

	/** Direct capture: reserved and captured at once. */
	SALE,

	/** Merchant captured. */
	CAPTURE,

	/** Merchant refunded. */
	REFUND,

	/** User cancelled, timed out, or merchant cancelled before the user acted. */
	CANCEL,

	/** Merchant cancelled a reservation. */
	VOID,

	/** A value this client does not know yet (the enum may grow). */
	@JsonEnumDefaultValue
	UNKNOWN

}
