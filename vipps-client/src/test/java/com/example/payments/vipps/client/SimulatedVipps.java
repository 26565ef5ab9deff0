package com.example.payments.vipps.client;

import com.example.payments.vipps.simulator.VippsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The simulator and a client of it for one test class: started once, reset after each
 * test, and after each test every recorded exchange must match the official spec.
 */
final class SimulatedVipps implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private VippsSimulator simulator;

	private VippsClient client;

	VippsSimulator sim() {
		return this.simulator;
	}

	VippsClient client() {
		return this.client;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.simulator = SimulatorFixtures.startSimulator();
		this.client = SimulatorFixtures.client(this.simulator, new SimpleMeterRegistry());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// The client does not receive callbacks; nobody listens at the callback URL.
		this.simulator.faults().callbacks().dropRate(1.0);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			SimulatorFixtures.assertExchangesMatchTheSpec(this.simulator);
		}
		finally {
			this.simulator.reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			this.client.close();
		}
		finally {
			this.simulator.close();
		}
	}

}
