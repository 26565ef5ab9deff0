package com.example.payments.vipps.client.archfixture;

import com.example.payments.vipps.simulator.engine.SimulatorClock;

/**
 * Another module reading the simulator's engine.
 */
public final class ClientReadingTheSimulatorEngine {

	private final SimulatorClock clock;

	ClientReadingTheSimulatorEngine(SimulatorClock clock) {
		this.clock = clock;
	}

	SimulatorClock clock() {
		return this.clock;
	}

}
