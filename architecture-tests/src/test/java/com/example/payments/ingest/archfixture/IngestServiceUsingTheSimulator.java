package com.example.payments.ingest.archfixture;

import com.example.payments.vipps.simulator.VippsSimulator;

/**
 * A service talking to the simulator in production code.
 */
public final class IngestServiceUsingTheSimulator {

	private final VippsSimulator simulator;

	IngestServiceUsingTheSimulator(VippsSimulator simulator) {
		this.simulator = simulator;
	}

	String baseUrl() {
		return this.simulator.baseUrl();
	}

}
