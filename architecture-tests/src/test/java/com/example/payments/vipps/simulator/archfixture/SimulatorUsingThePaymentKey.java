package com.example.payments.vipps.simulator.archfixture;

import com.example.payments.schema.PaymentKey;

/**
 * The simulator reaching into our schemas module.
 */
public final class SimulatorUsingThePaymentKey {

	private final PaymentKey key;

	SimulatorUsingThePaymentKey(PaymentKey key) {
		this.key = key;
	}

	PaymentKey key() {
		return this.key;
	}

}
