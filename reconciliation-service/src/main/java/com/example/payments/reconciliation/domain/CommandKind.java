package com.example.payments.reconciliation.domain;

/**
 * The commands that may reach Vipps.
 */
public enum CommandKind {

	/** Initiate. */
	INITIATE,

	/** Capture (its id is the {@code X-Request-Id}). */
	CAPTURE,

	/** Refund (its id is the {@code X-Request-Id}). */
	REFUND,

	/** Cancel. */
	CANCEL

}
