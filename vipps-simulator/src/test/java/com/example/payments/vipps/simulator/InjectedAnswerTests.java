package com.example.payments.vipps.simulator;

import java.time.Duration;

import com.example.payments.vipps.simulator.SimulatedAnswer.BodyShape;
import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.VippsTestClient.Result;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injected answers: any status, Vipps error and body shape, with or without applying the
 * call, and connections dropped after applying it.
 */
class InjectedAnswerTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void answerNextGivesTheChosenVippsErrorAndDoesNotApply() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "Payment", "63"));
		Result failed = client.capture(orderId, MSN, 5000L, "k1");
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.errorGroup()).isEqualTo("Payment");
		assertThat(failed.errorCode()).isEqualTo("63");
		assertThat(failed.retryAfter()).isNull();
		assertThat(failed.json().get(0).get("contextId").asString()).isNotBlank();
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isZero();
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).isEqualTo(200);
		assertThat(sim.exchanges()).filteredOn((e) -> e.kind() == RecordedExchange.Kind.CAPTURE)
			.extracting(RecordedExchange::injectedFault)
			.containsExactly("FAIL:VIPPS_ERROR_ARRAY", null);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void answerNextSendsRetryAfterOnlyWhenAsked() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults().answerNext(SimulatedOperation.DETAILS, 1, SimulatedAnswer.error(429, "VippsError", "98"));
		Result withoutRetryAfter = client.details(orderId);
		assertThat(withoutRetryAfter.status()).isEqualTo(429);
		assertThat(withoutRetryAfter.errorCode()).isEqualTo("98");
		assertThat(withoutRetryAfter.retryAfter()).isNull();
		sim.faults()
			.answerNext(SimulatedOperation.DETAILS, 1,
					SimulatedAnswer.status(429).withRetryAfter(Duration.ofMillis(4500)));
		Result withRetryAfter = client.details(orderId);
		assertThat(withRetryAfter.retryAfter()).as("whole seconds, rounded up").isEqualTo("5");
		assertThat(withRetryAfter.json().get("statusCode").asInt()).isEqualTo(429);
	}

	@Test
	void answerNextRendersEveryErrorBodyShape() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults()
			.answerNext(SimulatedOperation.DETAILS, 1,
					SimulatedAnswer.status(503).withBody(BodyShape.AZURE).withMessage("Backend down"));
		JsonNode azure = client.details(orderId).json();
		assertThat(azure.get("responseInfo").get("responseCode").asInt()).isEqualTo(503);
		assertThat(azure.get("responseInfo").get("responseMessage").asString()).isEqualTo("Service Unavailable");
		assertThat(azure.get("result").get("message").asString()).isEqualTo("Backend down");
		sim.faults()
			.answerNext(SimulatedOperation.DETAILS, 1,
					SimulatedAnswer.status(403).withBody(BodyShape.APIM).withMessage("Merchant Not Allowed"));
		JsonNode apim = client.details(orderId).json();
		assertThat(apim.get("statusCode").asInt()).isEqualTo(403);
		assertThat(apim.get("message").asString()).isEqualTo("Merchant Not Allowed");
		sim.faults().answerNext(SimulatedOperation.DETAILS, 1, SimulatedAnswer.status(502).withBody(BodyShape.EMPTY));
		Result empty = client.details(orderId);
		assertThat(empty.status()).isEqualTo(502);
		assertThat(empty.body()).isEmpty();
		sim.faults().answerNext(SimulatedOperation.DETAILS, 1, SimulatedAnswer.status(502).withBody(BodyShape.HTML));
		Result html = client.details(orderId);
		assertThat(html.status()).isEqualTo(502);
		assertThat(html.body()).startsWith("<html>").contains("Bad Gateway");
		assertThat(sim.exchanges()).filteredOn((e) -> e.kind() == RecordedExchange.Kind.DETAILS)
			.last()
			.satisfies((exchange) -> assertThat(exchange.responseHeader("Content-Type")).startsWith("text/html"));
	}

	@Test
	void applyThenAnswerNextAppliesAndAnswersTheChosenError() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults()
			.applyThenAnswerNext(SimulatedOperation.CAPTURE, 1,
					SimulatedAnswer.error(504, "VippsError", "99").withBody(BodyShape.HTML));
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).isEqualTo(504);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
		assertThat(client.capture(orderId, MSN, 5000L, "k1").status()).as("replayed, not applied twice").isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().log()).filteredOn((e) -> e.operation() == Operation.CAPTURE)
			.hasSize(1);
	}

	@Test
	void applyThenAnswerNextCanBreakTheBodyOfASuccess() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults()
			.applyThenAnswerNext(SimulatedOperation.CAPTURE, 1,
					SimulatedAnswer.brokenSuccess(BodyShape.ODD_TIMESTAMPS));
		Result odd = client.capture(orderId, MSN, 1000L, "k1");
		assertThat(odd.status()).isEqualTo(200);
		assertThat(odd.json().get("transactionInfo").get("timeStamp").asString()).isEqualTo("14.11.2018 15:22:46");
		assertThat(odd.json().get("transactionSummary").get("capturedAmount").asLong()).isEqualTo(1000);
		sim.faults().applyThenAnswerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.brokenSuccess(BodyShape.EMPTY));
		Result empty = client.capture(orderId, MSN, 1000L, "k2");
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).isEmpty();
		sim.faults().applyThenAnswerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.brokenSuccess(BodyShape.HTML));
		Result html = client.capture(orderId, MSN, 1000L, "k3");
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.body()).startsWith("<html>");
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(3000);
		assertThat(sim.exchanges()).filteredOn((e) -> e.kind() == RecordedExchange.Kind.CAPTURE)
			.extracting(RecordedExchange::injectedFault)
			.containsExactly("APPLY_THEN_FAIL:ODD_TIMESTAMPS", "APPLY_THEN_FAIL:EMPTY", "APPLY_THEN_FAIL:HTML");
	}

	@Test
	@RequiresVippsOpenApiSpec
	void applyThenDropNextAppliesAndClosesTheConnectionWithoutAnswering() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults().applyThenDropNext(SimulatedOperation.CAPTURE, 1);
		assertThatThrownBy(() -> client.capture(orderId, MSN, 5000L, "k1")).hasStackTraceContaining("closed");
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
		RecordedExchange dropped = sim.exchanges()
			.stream()
			.filter((e) -> e.kind() == RecordedExchange.Kind.CAPTURE)
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(dropped.status()).isEqualTo(-1);
		assertThat(dropped.responseBody()).isEmpty();
		assertThat(dropped.injectedFault()).isEqualTo("APPLY_THEN_DROP");
		Result retry = client.capture(orderId, MSN, 5000L, "k1");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void theControlApiInjectsAnswersAndDrops() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		WebTestClient control = client.http();
		post(control, "/_sim/faults/operations/capture",
				"{\"answerNext\":{\"count\":1,\"status\":400,\"errorGroup\":\"Payment\",\"errorCode\":\"44\","
						+ "\"errorMessage\":\"Expired card\"}}");
		Result refused = client.capture(orderId, MSN, 1000L, "k1");
		assertThat(refused.errorCode()).isEqualTo("44");
		assertThat(refused.json().get(0).get("errorMessage").asString()).isEqualTo("Expired card");
		post(control, "/_sim/faults/operations/details",
				"{\"answerNext\":{\"status\":429,\"retryAfterSeconds\":null,\"body\":\"APIM\"}}");
		Result throttled = client.details(orderId);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.retryAfter()).isNull();
		post(control, "/_sim/faults/operations/capture",
				"{\"applyThenAnswerNext\":{\"status\":200,\"body\":\"ODD_TIMESTAMPS\"}}");
		assertThat(client.capture(orderId, MSN, 1000L, "k2").json().get("transactionInfo").get("timeStamp").asString())
			.isEqualTo("14.11.2018 15:22:46");
		post(control, "/_sim/faults/operations/refund", "{\"applyThenDropNext\":{\"count\":1}}");
		assertThatThrownBy(() -> client.refund(orderId, MSN, 500L, "r1")).hasStackTraceContaining("closed");
		assertThat(sim.payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(500);
		control.post()
			.uri("/_sim/faults/operations/capture")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"answerNext\":{\"status\":200}}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void resetClearsInjectedAnswersAndDrops() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.faults().answerNext(SimulatedOperation.CAPTURE, 5, SimulatedAnswer.error(400, "Payment", "63"));
		sim.faults().applyThenDropNext(SimulatedOperation.REFUND, 5);
		sim.faults().reset();
		assertThat(client.capture(orderId, MSN, 1000L, "k1").status()).isEqualTo(200);
		assertThat(client
			.call(HttpMethod.POST, "/ecomm/v2/payments/" + orderId + "/refund",
					"{\"merchantInfo\":{\"merchantSerialNumber\":\"" + MSN
							+ "\"},\"transaction\":{\"amount\":500,\"transactionText\":\"Refund\"}}",
					"r1")
			.status()).isEqualTo(200);
	}

	@Test
	void refusesAnswersNoVippsWouldGive() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedAnswer.status(200)).withMessageContaining("2xx");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedAnswer.error(400, null, "63"))
			.withMessageContaining("errorGroup");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatedAnswer.error(500, "VippsError", "99").withBody(BodyShape.ODD_TIMESTAMPS))
			.withMessageContaining("2xx");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatedAnswer.error(429, "VippsError", "98").withRetryAfter(Duration.ofSeconds(-1)));
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		assertThatIllegalArgumentException()
			.isThrownBy(() -> sim.faults()
				.answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.brokenSuccess(BodyShape.EMPTY)))
			.withMessageContaining("not applied");
	}

	private static void post(WebTestClient control, String uri, String body) {
		control.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
