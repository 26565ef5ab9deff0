package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.VippsTestClient.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the Vipps API, from the Java API and the HTTP control API.
 */
class FaultInjectionTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private String reserved(VippsSimulator sim, VippsTestClient client) {
		String orderId = SimulatorFixture.orderId();
		client.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl());
		sim.approve(MSN, orderId);
		return orderId;
	}

	@Test
	void failNextAnswersWithTheStatusAndDoesNotApply() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = reserved(sim, client);
		sim.faults().failNext(SimulatedOperation.CAPTURE, 2, 503);
		Result first = client.capture(orderId, MSN, 5000L, "k1");
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.errorGroup()).isEqualTo("VippsError");
		assertThat(first.errorCode()).isEqualTo("99");
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).isEqualTo(503);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isZero();
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).isEqualTo(200);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void applyThenFailAppliesTheCaptureAndARetryWithTheSameKeyReplaysIt() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = reserved(sim, client);
		sim.faults().applyThenFailNext(SimulatedOperation.CAPTURE, 1, 502);
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).isEqualTo(502);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
		Result retry = client.capture(orderId, MSN, 5000L, "k1");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.json().get("transactionSummary").get("capturedAmount").asLong()).isEqualTo(5000);
		assertThat(sim.payment(MSN, orderId).orElseThrow().log()).filteredOn((e) -> e.operation() == Operation.CAPTURE)
			.hasSize(1);
	}

	@Test
	void rateLimitNextAnswers429WithRetryAfter() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = reserved(sim, client);
		sim.faults().rateLimitNext(SimulatedOperation.DETAILS, 1, Duration.ofSeconds(2));
		Result limited = client.details(orderId);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.retryAfter()).isEqualTo("2");
		assertThat(client.details(orderId).status()).isEqualTo(200);
	}

	@Test
	void latencyDelaysTheAnswer() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		sim.faults().latency(SimulatedOperation.INITIATE, Duration.ofMillis(400), Duration.ofMillis(100));
		long start = System.nanoTime();
		client.initiate(MSN, SimulatorFixture.orderId(), 20000, this.fixture.merchant.baseUrl());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void errorRatesAreReproducibleWithTheSameSeed() {
		List<Integer> first = statuses(this.fixture.start((builder) -> builder.seed(1234L)));
		List<Integer> second = statuses(this.fixture.start((builder) -> builder.seed(1234L)));
		assertThat(first).isEqualTo(second).contains(404, 500, 429);
	}

	private List<Integer> statuses(VippsSimulator sim) {
		VippsTestClient client = this.fixture.client(sim);
		sim.faults().errorRates(SimulatedOperation.DETAILS, 0.3, 0.2);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			// Unknown orders: 404 unless a fault answers first.
			statuses.add(client.details("order-" + i).status());
		}
		return statuses;
	}

	@Test
	void accessTokenFaultsApplyToo() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		sim.faults().failNext(SimulatedOperation.ACCESS_TOKEN, 1, 500);
		assertThat(client.token("client-id", "client-secret", "subscription-key").status()).isEqualTo(500);
		assertThat(client.token("client-id", "client-secret", "subscription-key").status()).isEqualTo(200);
	}

	@Test
	void controlApiActsAsTheUserInjectsFaultsAndShowsTheTruth() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		WebTestClient control = client.http();
		String orderId = SimulatorFixture.orderId();
		client.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl());
		control.post()
			.uri("/_sim/payments/{msn}/{orderId}/approve", MSN, orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("RESERVED");
		control.post()
			.uri("/_sim/faults/operations/capture")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"failNext\":{\"count\":1,\"status\":500}}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(client.capture(orderId, MSN, null, "k").status()).isEqualTo(500);
		control.get()
			.uri("/_sim/payments")
			.exchange()
			.expectBody()
			.jsonPath("$[0].orderId")
			.isEqualTo(orderId)
			.jsonPath("$[0].capturedAmount")
			.isEqualTo(0);
		control.get().uri("/_sim/exchanges").exchange().expectBody().jsonPath("$[0].kind").isEqualTo("ACCESS_TOKEN");
		control.post()
			.uri("/_sim/payments/{msn}/{orderId}/reject", MSN, orderId)
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		control.post().uri("/_sim/tokens/expire").exchange().expectStatus().isOk();
		assertThat(client.details(orderId).status()).isEqualTo(401);
		control.post().uri("/_sim/reset").exchange().expectStatus().isOk();
		assertThat(sim.payments()).isEmpty();
		assertThat(sim.payment(MSN, orderId)).isEmpty();
		assertThat(Status.RESERVED.isFinal()).isFalse();
	}

}
