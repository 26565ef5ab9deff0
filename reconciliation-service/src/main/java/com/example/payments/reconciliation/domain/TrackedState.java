package com.example.payments.reconciliation.domain;

/**
 * Where a payment stands by its recorded facts; the names are those of the event schema's
 * {@code PaymentState}.
 */
public enum TrackedState {

	/** Initiated; the user has not acted (as far as is recorded). */
	INITIATED,

	/** Reserved, nothing captured. */
	RESERVED,

	/** Part of the reservation captured. */
	PARTIALLY_CAPTURED,

	/** All captured (or the rest released). */
	CAPTURED,

	/** Part of the captured amount refunded. */
	PARTIALLY_REFUNDED,

	/** All captured money refunded. */
	REFUNDED,

	/** Cancelled by the merchant before the user acted. */
	CANCELLED,

	/** The reservation was cancelled by the merchant. */
	VOIDED,

	/** The user cancelled, did not act in time, or the reservation failed. */
	REJECTED

}
