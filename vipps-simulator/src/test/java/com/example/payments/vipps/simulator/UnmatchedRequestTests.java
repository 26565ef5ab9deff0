package com.example.payments.vipps.simulator;

import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown paths and wrong methods are answered the way Vipps' API gateway answers them
 * (404 and 405 in the gateway's error shape), never with a framework's default error
 * page.
 */
class UnmatchedRequestTests {

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void unknownPathGets404InTheGatewayShape() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		http(sim).get()
			.uri("/ecomm/v2/paymentz/order-1/details")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("Vipps-Simulator-Version", "0.1.0")
			.expectBody()
			.jsonPath("$.statusCode")
			.isEqualTo(404)
			.jsonPath("$.message")
			.isEqualTo("Resource not found: GET /ecomm/v2/paymentz/order-1/details")
			.jsonPath("$.timestamp")
			.doesNotExist();
		assertThat(sim.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.kind()).isEqualTo(Kind.UNKNOWN);
			assertThat(exchange.status()).isEqualTo(404);
		});
	}

	@Test
	void knownPathWithAnotherMethodGets405NamingTheAllowedOne() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		http(sim).get()
			.uri("/ecomm/v2/payments/order-1/capture")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "POST")
			.expectBody()
			.jsonPath("$.statusCode")
			.isEqualTo(405)
			.jsonPath("$.message")
			.isEqualTo("Method GET is not allowed on /ecomm/v2/payments/order-1/capture; allowed: POST");
		http(sim).post()
			.uri("/ecomm/v2/payments/order-1/cancel")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "PUT");
		http(sim).delete().uri("/ecomm/v2/payments").exchange().expectStatus().isEqualTo(405);
	}

	@Test
	void theAzureFormatIsUsedWhenConfigured() {
		VippsSimulator sim = this.fixture
			.start((builder) -> builder.gatewayErrorFormat(SimulatorProperties.GatewayErrorFormat.AZURE));
		http(sim).get()
			.uri("/nothing/here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.responseInfo.responseCode")
			.isEqualTo(404)
			.jsonPath("$.responseInfo.responseMessage")
			.isEqualTo("Not Found")
			.jsonPath("$.result.message")
			.isEqualTo("Resource not found: GET /nothing/here");
	}

	@Test
	void routesThatExistStillAnswerNormally() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		assertThat(client.details("unknown-order").status()).isEqualTo(404);
		assertThat(client.details("unknown-order").errorCode()).isEqualTo("35");
		http(sim).get().uri("/_sim/payments").exchange().expectStatus().isOk();
	}

	private static WebTestClient http(VippsSimulator sim) {
		return WebTestClient.bindToServer().baseUrl(sim.baseUrl()).build();
	}

}
