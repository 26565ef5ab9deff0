package com.example.payments.vipps.simulator;

import com.example.payments.vipps.simulator.SimulatorProperties.Exchanges.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the simulator keeps is bounded by configuration: payments (oldest forgotten first)
 * and recorded exchanges (all, the newest few, or none).
 */
class HistoryBoundsTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void theOldestPaymentIsForgottenWhenMorePaymentsArrive() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.maxPayments(2));
		VippsTestClient client = this.fixture.client(sim);
		String first = initiate(client);
		String url = sim.payment(MSN, first).orElseThrow().url();
		String second = initiate(client);
		String third = initiate(client);
		assertThat(sim.payment(MSN, first)).isEmpty();
		assertThat(sim.payments()).extracting(SimulatedPayment::orderId).containsExactly(second, third);
		assertThat(client.details(first).status()).isEqualTo(404);
		assertThat(client.details(first).errorCode()).isEqualTo("35");
		assertThat(client.details(third).status()).isEqualTo(200);
		WebTestClient.bindToServer().build().get().uri(url).exchange().expectStatus().isNotFound();
		// A forgotten orderId is free again, as an unknown one is.
		assertThat(client.initiate(MSN, first, 20000, this.fixture.merchant.baseUrl()).status()).isEqualTo(200);
	}

	@Test
	void recordingOffKeepsNoExchangesWhileTheApiWorks() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.recordExchanges(Recording.OFF));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		assertThat(client.capture(orderId, MSN, null, "capture-1").status()).isEqualTo(200);
		assertThat(sim.exchanges()).isEmpty();
		WebTestClient.bindToServer()
			.baseUrl(sim.baseUrl())
			.build()
			.get()
			.uri("/_sim/exchanges")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("[]");
	}

	@Test
	void boundedRecordingKeepsTheNewestExchanges() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.recordExchanges(Recording.BOUNDED, 3));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = initiate(client);
		for (int i = 0; i < 5; i++) {
			client.details(orderId);
		}
		assertThat(sim.exchanges()).hasSize(3)
			.allSatisfy((exchange) -> assertThat(exchange.kind()).isEqualTo(RecordedExchange.Kind.DETAILS));
	}

	private String initiate(VippsTestClient client) {
		String orderId = SimulatorFixture.orderId();
		assertThat(client.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl()).status()).isEqualTo(200);
		return orderId;
	}

}
