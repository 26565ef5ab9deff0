package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.VippsTestClient.Result;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the Vipps API, from the Java API and the HTTP control API.
 */
@RequiresVippsOpenApiSpec
class FaultInjectionTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void failNextAnswersWithTheStatusAndDoesNotApply() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
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
		String orderId = this.fixture.reservedPayment(sim, client);
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
		String orderId = this.fixture.reservedPayment(sim, client);
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

	@Test
	void refundAccountFailureAnswers74WithoutRefundingAndARetryWithTheSameKeySucceeds() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		assertThat(client.capture(orderId, MSN, null, "c1").status()).isEqualTo(200);
		sim.faults().refundAccountFailureNext(1);
		Result failed = client.refund(orderId, MSN, 5000L, "r1");
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.errorGroup()).isEqualTo("Payment");
		assertThat(failed.errorCode()).isEqualTo("74");
		assertThat(sim.payment(MSN, orderId).orElseThrow().refundedAmount()).isZero();
		assertThat(client.refund(orderId, MSN, 5000L, "r1").status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(5000);
		assertThat(sim.exchanges()).filteredOn((e) -> e.kind() == RecordedExchange.Kind.REFUND)
			.extracting(RecordedExchange::injectedFault)
			.containsExactly("PAYMENT_ERROR_74", null);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void cancelWhileTheUserIsInThreeDSecureAnswers52AndTheNextCancelSucceeds() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = SimulatorFixture.orderId();
		client.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl());
		sim.faults().userInThreeDSecureNext(1);
		Result failed = client.cancel(orderId, MSN, false);
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.errorGroup()).isEqualTo("Payment");
		assertThat(failed.errorCode()).isEqualTo("52");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.INITIATED);
		assertThat(client.cancel(orderId, MSN, false).status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.CANCELLED);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void paymentErrorFaultsCanBeSetThroughTheControlApiAndAreClearedByReset() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		client.http()
			.post()
			.uri("/_sim/faults/payment-errors")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"userInThreeDSecureNext\":1,\"refundAccountFailureNext\":1}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(client.cancel(orderId, MSN, false).errorCode()).isEqualTo("52");
		client.http().delete().uri("/_sim/faults").exchange().expectStatus().isOk();
		assertThat(client.capture(orderId, MSN, null, "c1").status()).isEqualTo(200);
		assertThat(client.refund(orderId, MSN, null, "r1").status()).isEqualTo(200);
	}

	@Test
	void forceApproveOfAnUnverifiedTestUserIs1082WhileAVerifiedOneIsApproved() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.unverifiedTestUsers("97777776"));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = SimulatorFixture.orderId();
		String url = client.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl()).json().get("url").asString();
		String token = url.split("=", 3)[2];
		Result unverified = client.forceApprove(orderId, token, "97777776");
		assertThat(unverified.status()).isEqualTo(400);
		assertThat(unverified.errorGroup()).isEqualTo("Payment");
		assertThat(unverified.errorCode()).isEqualTo("1082");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.INITIATED);
		assertThat(client.forceApprove(orderId, token, "91234567").status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.RESERVED);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void systemHeadersLongerThan30AreAcceptedAndRecordedByDefault() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = SimulatorFixture.orderId();
		String longName = "acme-webshop-with-a-very-long-name";
		Result result = client.call(HttpMethod.POST, "/ecomm/v2/payments",
				VippsTestClient.regular(MSN, orderId, 20000, this.fixture.merchant.baseUrl()), null,
				Map.of("Vipps-System-Name", longName));
		assertThat(result.status()).isEqualTo(200);
		assertThat(sim.exchanges()).filteredOn((e) -> e.kind() == RecordedExchange.Kind.INITIATE)
			.extracting((e) -> e.requestHeader("Vipps-System-Name"))
			.containsExactly(longName);
		assertThat(SimulatorFixture.contract().simulatorViolations(sim.exchanges())).isEmpty();
	}

	@Test
	void strictSystemHeadersRejectValuesLongerThan30WithInvalidRequest() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.strictSystemHeaders(true));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = SimulatorFixture.orderId();
		String body = VippsTestClient.regular(MSN, orderId, 20000, this.fixture.merchant.baseUrl());
		Result tooLong = client.call(HttpMethod.POST, "/ecomm/v2/payments", body, null,
				Map.of("Vipps-System-Plugin-Version", "1".repeat(31)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.errorGroup()).isEqualTo("InvalidRequest");
		assertThat(tooLong.errorCode()).isEqualTo("Vipps-System-Plugin-Version");
		assertThat(sim.payment(MSN, orderId)).isEmpty();
		Result exactly30 = client.call(HttpMethod.POST, "/ecomm/v2/payments", body, null,
				Map.of("Vipps-System-Plugin-Version", "1".repeat(30), "Vipps-System-Name", "a".repeat(30)));
		assertThat(exactly30.status()).isEqualTo(200);
		assertThat(SimulatorFixture.contract().simulatorViolations(sim.exchanges())).isEmpty();
	}

}
