package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.List;

import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.VippsTestClient.Result;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day-scale limits, driven by the simulator's clock: capture and cancel up to 180
 * days after the reservation, refund up to 365, personal data in /details for 7.
 */
@RequiresVippsOpenApiSpec
class TimeLimitTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	private VippsSimulator sim;

	private VippsTestClient client;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private void start() {
		this.sim = this.fixture.start((builder) -> builder.tokenLifetime(Duration.ofDays(400)));
		this.client = this.fixture.client(this.sim);
	}

	private static void assertError(Result result, int status, String group, String code) {
		assertThat(result.status()).isEqualTo(status);
		assertThat(result.errorGroup()).isEqualTo(group);
		assertThat(result.errorCode()).isEqualTo(code);
	}

	@Test
	void captureIsAllowedFor180DaysAfterTheReservationThenRefusedWith98() {
		start();
		String early = this.fixture.reservedPayment(this.sim, this.client);
		String late = this.fixture.reservedPayment(this.sim, this.client);
		this.sim.advanceClock(Duration.ofDays(179));
		assertThat(this.client.capture(early, MSN, null, "in-time").status()).isEqualTo(200);
		this.sim.advanceClock(Duration.ofDays(2));
		assertError(this.client.capture(late, MSN, null, "late"), 400, "Payment", "98");
		assertThat(this.sim.payment(MSN, late).orElseThrow().capturedAmount()).isZero();
		assertThat(SimulatorFixture.contract().violations(this.sim.exchanges())).isEmpty();
	}

	@Test
	void cancelIsAllowedFor180DaysAfterTheReservationThenRefusedWith400() {
		start();
		String early = this.fixture.reservedPayment(this.sim, this.client);
		String late = this.fixture.reservedPayment(this.sim, this.client);
		this.sim.advanceClock(Duration.ofDays(179));
		assertThat(this.client.cancel(early, MSN, false).status()).isEqualTo(200);
		this.sim.advanceClock(Duration.ofDays(2));
		assertError(this.client.cancel(late, MSN, false), 400, "VippsError", "91");
		assertThat(this.sim.payment(MSN, late).orElseThrow().status()).isEqualTo(Status.RESERVED);
		assertThat(SimulatorFixture.contract().violations(this.sim.exchanges())).isEmpty();
	}

	@Test
	void releasingTheRestAfterAPartialCaptureIsAlsoLimitedTo180Days() {
		start();
		String orderId = this.fixture.reservedPayment(this.sim, this.client);
		assertThat(this.client.capture(orderId, MSN, 5000L, "part").status()).isEqualTo(200);
		this.sim.advanceClock(Duration.ofDays(181));
		assertError(this.client.cancel(orderId, MSN, true), 400, "VippsError", "91");
		assertThat(this.sim.payment(MSN, orderId).orElseThrow().remainingAmountToCapture()).isEqualTo(15000);
	}

	@Test
	void refundIsAllowedFor365DaysAfterTheReservationThenRefusedWith95() {
		start();
		String early = this.fixture.reservedPayment(this.sim, this.client);
		String late = this.fixture.reservedPayment(this.sim, this.client);
		assertThat(this.client.capture(early, MSN, null, "c-early").status()).isEqualTo(200);
		assertThat(this.client.capture(late, MSN, null, "c-late").status()).isEqualTo(200);
		this.sim.advanceClock(Duration.ofDays(364));
		assertThat(this.client.refund(early, MSN, 5000L, "in-time").status()).isEqualTo(200);
		this.sim.advanceClock(Duration.ofDays(2));
		assertError(this.client.refund(late, MSN, 5000L, "late"), 400, "Payment", "95");
		assertThat(this.sim.payment(MSN, late).orElseThrow().refundedAmount()).isZero();
		assertThat(SimulatorFixture.contract().violations(this.sim.exchanges())).isEmpty();
	}

	@Test
	void detailsShowPersonalDataForSevenDaysThenExpired() {
		start();
		String orderId = SimulatorFixture.orderId();
		assertThat(this.client
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.fixture.merchant.baseUrl(), true))
			.status()).isEqualTo(200);
		this.sim.approveExpress(MSN, orderId);
		this.sim.advanceClock(Duration.ofDays(7).minusMinutes(1));
		JsonNode fresh = this.client.details(orderId).json();
		assertThat(fresh.get("userDetails").get("firstName").asString()).isEqualTo("Ada");
		assertThat(fresh.get("shippingDetails").get("address").get("postCode").asString()).isNotEqualTo("[Expired]");

		this.sim.advanceClock(Duration.ofMinutes(1));
		JsonNode expired = this.client.details(orderId).json();
		for (String field : List.of("email", "firstName", "lastName", "mobileNumber", "userId")) {
			assertThat(expired.get("userDetails").get(field).asString()).as(field).isEqualTo("[Expired]");
		}
		JsonNode address = expired.get("shippingDetails").get("address");
		assertThat(address.propertyNames()).contains("addressLine1", "city", "country", "postCode");
		address.propertyNames()
			.forEach((field) -> assertThat(address.get(field).asString()).as(field).isEqualTo("[Expired]"));
		assertThat(expired.get("shippingDetails").get("shippingMethodId").asString()).isEqualTo("posten-sp");
		assertThat(expired.get("transactionLogHistory")).hasSize(2);
		assertThat(this.sim.payment(MSN, orderId).orElseThrow().user().firstName()).isEqualTo("Ada");
		assertThat(SimulatorFixture.contract().violations(this.sim.exchanges())).isEmpty();
	}

	@Test
	void paymentThatSharedNoPersonalDataIsUnchangedAfterSevenDays() {
		start();
		String orderId = this.fixture.reservedPayment(this.sim, this.client);
		this.sim.advanceClock(Duration.ofDays(8));
		JsonNode details = this.client.details(orderId).json();
		assertThat(details.has("userDetails")).isFalse();
		assertThat(details.get("transactionLogHistory").get(0).get("transactionText").asString())
			.isEqualTo("One pair of socks");
		assertThat(SimulatorFixture.contract().violations(this.sim.exchanges())).isEmpty();
	}

}
