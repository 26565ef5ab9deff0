package com.example.payments.vipps.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the in-process simulator's HTTP server ({@link VippsSimulator#builder()}).
 */
class InProcessServerTests {

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void keepsAnsweringWhenAnApplicationInTheSameJvmDisposesReactorNettysGlobalResources() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);

		// what a Spring context closing in the same JVM does (ReactorResourceFactory)
		HttpResources.disposeLoopsAndConnections();

		assertThat(this.fixture.client(sim).details(orderId).status()).isEqualTo(200);
	}

}
