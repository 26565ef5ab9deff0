package com.example.payments.vipps.simulator;

/**
 * The Vipps-side operations faults can be injected into.
 */
public enum SimulatedOperation {

	/**
	 * {@code POST /accesstoken/get}.
	 */
	ACCESS_TOKEN,

	/**
	 * {@code POST /ecomm/v2/payments}.
	 */
	INITIATE,

	/**
	 * {@code POST .../capture}.
	 */
	CAPTURE,

	/**
	 * {@code PUT .../cancel}.
	 */
	CANCEL,

	/**
	 * {@code POST .../refund}.
	 */
	REFUND,

	/**
	 * {@code GET .../details} (and the deprecated {@code /status}).
	 */
	DETAILS,

	/**
	 * {@code POST /ecomm/v2/integration-test/payments/{orderId}/approve}.
	 */
	FORCE_APPROVE

}
