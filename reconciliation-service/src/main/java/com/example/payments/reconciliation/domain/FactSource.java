package com.example.payments.reconciliation.domain;

/**
 * Which service recorded a fact (the event's {@code source}).
 */
public enum FactSource {

	/** Written before the source was recorded, or by a newer producer. */
	UNKNOWN,

	/** The command service, from Vipps' answer. */
	COMMAND,

	/** The ingest service, from a callback. */
	CALLBACK,

	/** Reconciliation, from {@code /details}. */
	RECONCILIATION

}
