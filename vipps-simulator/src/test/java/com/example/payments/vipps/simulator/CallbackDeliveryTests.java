package com.example.payments.vipps.simulator;

import java.time.Duration;

import com.example.payments.vipps.simulator.MerchantReceiver.Received;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedPayment.CallbackDelivery;
import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Callbacks as Vipps sends them, and the user outcomes and timers that trigger them.
 */
@RequiresVippsOpenApiSpec
class CallbackDeliveryTests {

	private static final String MSN = SimulatorFixture.MSN;

	private static final String DIRECT_MSN = SimulatorFixture.DIRECT_MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	private final MerchantReceiver merchant = this.fixture.merchant;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private String initiate(VippsSimulator sim, String prefix) {
		String orderId = SimulatorFixture.orderId();
		assertThat(this.fixture.client(sim).initiate(MSN, orderId, 20000, prefix).status()).isEqualTo(200);
		return orderId;
	}

	private static JsonNode json(Received received) {
		return com.example.payments.vipps.simulator.engine.VippsPayloads.parse(received.body());
	}

	@Test
	void approvalSendsOneReservedCallbackWithTheAuthTokenAndMsnAsNumber() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		Received callback = this.merchant.callbacks().get(0);
		assertThat(callback.method()).isEqualTo("POST");
		assertThat(callback.path()).isEqualTo("/merchant/v2/payments/" + orderId);
		assertThat(callback.contentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(callback.authorization()).isEqualTo("secret-" + orderId);
		JsonNode body = json(callback);
		assertThat(body.get("merchantSerialNumber").isNumber()).isTrue();
		assertThat(body.get("transactionInfo").get("status").asString()).isEqualTo("RESERVED");
		assertThat(body.get("transactionInfo").get("amount").asLong()).isEqualTo(20000);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !sim.payment(MSN, orderId).orElseThrow().callbacks().isEmpty());
		CallbackDelivery delivery = sim.payment(MSN, orderId).orElseThrow().callbacks().get(0);
		assertThat(delivery.httpStatus()).isEqualTo(200);
		assertThat(delivery.delivered()).isTrue();
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void callbackPrefixIsJoinedAsAPlainStringSoATrailingSlashGivesADoubleSlash() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.callbackMsnAsNumber(false));
		String orderId = initiate(sim, this.merchant.baseUrl() + "/");
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.received().size() == 1);
		assertThat(this.merchant.received().get(0).path()).isEqualTo("/merchant//v2/payments/" + orderId);
		assertThat(json(this.merchant.received().get(0)).get("merchantSerialNumber").isString()).isTrue();
	}

	@Test
	void userOutcomesSendCancelledRejectedAndReserveFailed() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String rejected = initiate(sim, this.merchant.baseUrl());
		String ignored = initiate(sim, this.merchant.baseUrl());
		String failed = initiate(sim, this.merchant.baseUrl());
		sim.reject(MSN, rejected);
		sim.timeOut(MSN, ignored);
		SimulatedPayment failure = sim.failReservation(MSN, failed);
		assertThat(failure.log().get(0).operation()).isEqualTo(Operation.RESERVE);
		assertThat(failure.log().get(0).operationSuccess()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 3);
		assertThat(statusOf(rejected)).isEqualTo("CANCELLED");
		assertThat(statusOf(ignored)).isEqualTo("REJECTED");
		assertThat(statusOf(failed)).isEqualTo("RESERVE_FAILED");
		JsonNode failedBody = this.merchant.callbacks()
			.stream()
			.filter((r) -> r.path().endsWith(failed))
			.map(CallbackDeliveryTests::json)
			.findFirst()
			.orElseThrow();
		assertThat(failedBody.get("errorInfo").get("errorCode").asString()).isEqualTo("42");
		assertThat(sim.payment(MSN, ignored).orElseThrow().status()).isEqualTo(Status.REJECTED);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void aReservationFailsWithTheChosenPaymentErrorInTheCallbackAndDetails() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String expiredCard = initiate(sim, this.merchant.baseUrl());
		String noCard = initiate(sim, this.merchant.baseUrl());
		sim.failReservation(MSN, expiredCard, "44");
		client.http()
			.post()
			.uri("/_sim/payments/{msn}/{orderId}/fail", MSN, noCard)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"errorCode\":\"41\"}")
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 2);
		for (String[] expected : new String[][] { { expiredCard, "44" }, { noCard, "41" } }) {
			JsonNode callback = this.merchant.callbacks()
				.stream()
				.filter((r) -> r.path().endsWith("/" + expected[0]))
				.map(CallbackDeliveryTests::json)
				.findFirst()
				.orElseThrow();
			assertThat(callback.get("transactionInfo").get("status").asString()).isEqualTo("RESERVE_FAILED");
			assertThat(callback.get("errorInfo").get("errorGroup").asString()).isEqualTo("Payment");
			assertThat(callback.get("errorInfo").get("errorCode").asString()).isEqualTo(expected[1]);
			JsonNode newest = client.details(expected[0]).json().get("transactionLogHistory").get(0);
			assertThat(newest.get("operation").asString()).isEqualTo("RESERVE");
			assertThat(newest.get("operationSuccess").asBoolean()).isFalse();
		}
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void aReservationCannotFailWithACodeOutside41To45() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim, this.merchant.baseUrl());
		assertThatIllegalArgumentException().isThrownBy(() -> sim.failReservation(MSN, orderId, "61"))
			.withMessageContaining("41, 42, 43, 44 or 45");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.INITIATED);
		this.fixture.client(sim)
			.http()
			.post()
			.uri("/_sim/payments/{msn}/{orderId}/fail", MSN, orderId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"errorCode\":\"99\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aDirectCaptureSaleFailsAsSaleFailedWithTheChosenCode() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		assertThat(
				this.fixture.directClient(sim).initiate(DIRECT_MSN, orderId, 20000, this.merchant.baseUrl()).status())
			.isEqualTo(200);
		SimulatedPayment failed = sim.failReservation(DIRECT_MSN, orderId, "43");
		assertThat(failed.log().get(0).operation()).isEqualTo(Operation.SALE);
		assertThat(failed.log().get(0).operationSuccess()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		JsonNode callback = json(this.merchant.callbacks().get(0));
		assertThat(callback.get("transactionInfo").get("status").asString()).isEqualTo("SALE_FAILED");
		assertThat(callback.get("errorInfo").get("errorCode").asString()).isEqualTo("43");
	}

	private String statusOf(String orderId) {
		return this.merchant.callbacks()
			.stream()
			.filter((r) -> r.path().endsWith("/" + orderId))
			.map((r) -> json(r).get("transactionInfo").get("status").asString())
			.findFirst()
			.orElseThrow();
	}

	@Test
	void profileScopePaymentSharesTheUserInTheCallbackAndDetails() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		VippsTestClient client = this.fixture.client(sim);
		client.initiate(VippsTestClient.regular(MSN, orderId, 20000, this.merchant.baseUrl())
			.replace("\"transactionText\"", "\"scope\":\"name email\",\"transactionText\""));
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		assertThat(json(this.merchant.callbacks().get(0)).get("userDetails").get("firstName").asString())
			.isEqualTo("Ada");
		assertThat(client.details(orderId).json().get("userDetails").get("email").asString())
			.isEqualTo("user@example.com");
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void directCaptureMerchantGetsASaleCallback() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		this.fixture.directClient(sim).initiate(DIRECT_MSN, orderId, 20000, this.merchant.baseUrl());
		sim.approve(DIRECT_MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		assertThat(json(this.merchant.callbacks().get(0)).get("transactionInfo").get("status").asString())
			.isEqualTo("SALE");
	}

	@Test
	void unansweredPaymentTimesOutWithACancelEntryAndARejectedCallback() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.landingPageTimeout(Duration.ofMillis(500)));
		String orderId = initiate(sim, this.merchant.baseUrl());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().status() == Status.REJECTED);
		assertThat(sim.payment(MSN, orderId).orElseThrow().log().get(0).operation()).isEqualTo(Operation.CANCEL);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		assertThat(statusOf(orderId)).isEqualTo("REJECTED");
		JsonNode details = this.fixture.client(sim).details(orderId).json();
		assertThat(details.has("transactionSummary")).isFalse();
	}

	@Test
	void timeoutAlsoFollowsTheSimulatorClock() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.advanceClock(Duration.ofMinutes(5));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().status() == Status.REJECTED);
	}

	@Test
	void failingMerchantIsCalledExactlyOnceAndRedirectsAreNotFollowed() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		this.merchant.answerWith(302);
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !sim.payment(MSN, orderId).orElseThrow().callbacks().isEmpty());
		assertThat(sim.payment(MSN, orderId).orElseThrow().callbacks().get(0).httpStatus()).isEqualTo(302);
		this.merchant.answerWith(500);
		String second = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, second);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !sim.payment(MSN, second).orElseThrow().callbacks().isEmpty());
		assertThat(sim.payment(MSN, second).orElseThrow().callbacks()).singleElement()
			.satisfies((d) -> assertThat(d.httpStatus()).isEqualTo(500));
		assertThat(this.merchant.received()).hasSize(2);
	}

	@Test
	void slowCallbackReceiverTimesOutAfterTheCallbackTimeoutWithoutRetry() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.callbackTimeout(Duration.ofMillis(300)));
		this.merchant.answerAfter(Duration.ofMillis(1500));
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !sim.payment(MSN, orderId).orElseThrow().callbacks().isEmpty());
		CallbackDelivery delivery = sim.payment(MSN, orderId).orElseThrow().callbacks().get(0);
		assertThat(delivery.httpStatus()).isEqualTo(-1);
		assertThat(delivery.error()).contains("timeout");
		assertThat(delivery.latency()).isLessThan(Duration.ofMillis(1400));
		assertThat(this.merchant.received()).hasSize(1);
	}

	@Test
	void droppedCallbacksAreNeverSentButRecordedInTheTruth() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		sim.faults().callbacks().dropRate(1.0);
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, orderId);
		CallbackDelivery delivery = sim.payment(MSN, orderId).orElseThrow().callbacks().get(0);
		assertThat(delivery.injectedFault()).isEqualTo("DROPPED");
		assertThat(sim.exchanges()).noneMatch((e) -> e.kind() == Kind.CALLBACK);
		assertThat(this.merchant.received()).isEmpty();
	}

	@Test
	void duplicatedCallbacksArriveTwice() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		sim.faults().callbacks().duplicate(true);
		String orderId = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 2);
		assertThat(this.merchant.callbacks().get(0).body()).isEqualTo(this.merchant.callbacks().get(1).body());
	}

	@Test
	void delayedCallbacksArriveAfterTheDelay() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		sim.faults().callbacks().delay(Duration.ofMillis(700));
		String orderId = initiate(sim, this.merchant.baseUrl());
		long start = System.nanoTime();
		sim.approve(MSN, orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !sim.payment(MSN, orderId).orElseThrow().callbacks().isEmpty());
		assertThat(sim.payment(MSN, orderId).orElseThrow().callbacks().get(0).injectedFault()).isEqualTo("DELAYED");
	}

	@Test
	void reorderedCallbacksArriveNewestFirst() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		sim.faults().callbacks().reorder(true);
		String first = initiate(sim, this.merchant.baseUrl());
		String second = initiate(sim, this.merchant.baseUrl());
		sim.approve(MSN, first);
		sim.reject(MSN, second);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.merchant.callbacks().size() == 2);
		assertThat(this.merchant.callbacks().get(0).path()).endsWith(second);
		assertThat(this.merchant.callbacks().get(1).path()).endsWith(first);
	}

	@Test
	void autoApprovePolicyApprovesUnattendedPayments() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.autoApprove(1.0, Duration.ofMillis(100),
				SimulatorProperties.AutoApprove.Remainder.REJECT));
		String orderId = initiate(sim, this.merchant.baseUrl());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().status() == Status.RESERVED);
	}

	@Test
	void autoApprovePolicyRejectsTheRemainder() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.autoApprove(0.0, Duration.ofMillis(100),
				SimulatorProperties.AutoApprove.Remainder.REJECT));
		String orderId = initiate(sim, this.merchant.baseUrl());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().status() == Status.CANCELLED);
	}

	@Test
	void autoApprovePolicyIsReproducibleWithTheSameSeed() {
		String first = outcomes(this.fixture.start((builder) -> builder.seed(99L)
			.autoApprove(0.5, Duration.ofMillis(50), SimulatorProperties.AutoApprove.Remainder.MIXED)));
		String second = outcomes(this.fixture.start((builder) -> builder.seed(99L)
			.autoApprove(0.5, Duration.ofMillis(50), SimulatorProperties.AutoApprove.Remainder.MIXED)));
		assertThat(first).isEqualTo(second);
		assertThat(first).contains("RESERVED").containsAnyOf("CANCELLED", "REJECTED");
	}

	private String outcomes(VippsSimulator sim) {
		VippsTestClient client = this.fixture.client(sim);
		StringBuilder outcomes = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			String orderId = "seeded-order-" + i;
			client.initiate(MSN, orderId, 20000, this.merchant.baseUrl());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> sim.payment(MSN, orderId).orElseThrow().status() != Status.INITIATED);
			outcomes.append(sim.payment(MSN, orderId).orElseThrow().status()).append(' ');
		}
		return outcomes.toString();
	}

}
