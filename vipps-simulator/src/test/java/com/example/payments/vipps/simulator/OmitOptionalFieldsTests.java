package com.example.payments.vipps.simulator;

import java.util.List;

import com.example.payments.vipps.simulator.MerchantReceiver.Received;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code omit-optional-fields} mode: every answer and callback carries only what the
 * spec requires, and still validates against it.
 */
class OmitOptionalFieldsTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	private final MerchantReceiver merchant = this.fixture.merchant;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void answersCaptureCancelAndRefundWithTheOrderIdOnly() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.omitOptionalFields(true));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		VippsTestClient.Result captured = client.capture(orderId, MSN, 5000L, "capture-1");
		VippsTestClient.Result released = client.cancel(orderId, MSN, true);
		VippsTestClient.Result refunded = client.refund(orderId, MSN, 1000L, "refund-1");
		for (VippsTestClient.Result answer : List.of(captured, released, refunded)) {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(fieldNames(answer.json())).containsExactly("orderId");
		}
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void answersDetailsWithTheHistoryOnlyAndOnlyTheRequiredFieldsOfEachEntry() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.omitOptionalFields(true));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		client.capture(orderId, MSN, 5000L, "capture-1");
		JsonNode details = client.details(orderId).json();
		assertThat(fieldNames(details)).containsExactly("transactionLogHistory");
		assertThat(details.get("transactionLogHistory")).hasSize(3)
			.allSatisfy((entry) -> assertThat(fieldNames(entry)).containsExactlyInAnyOrder("operation", "amount",
					"operationSuccess", "transactionText"));
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void sendsCallbacksWithoutTransactionIdOrErrorInfo() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.omitOptionalFields(true));
		VippsTestClient client = this.fixture.client(sim);
		String reserved = this.fixture.reservedPayment(sim, client);
		String failed = SimulatorFixture.orderId();
		client.initiate(MSN, failed, 20000, this.merchant.baseUrl());
		sim.failReservation(MSN, failed);
		for (String orderId : List.of(reserved, failed)) {
			JsonNode body = VippsPayloads.parse(callback(orderId).body());
			assertThat(fieldNames(body)).containsExactly("merchantSerialNumber", "orderId", "transactionInfo");
			assertThat(fieldNames(body.get("transactionInfo"))).containsExactly("amount", "status", "timeStamp");
		}
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void sendsExpressCallbacksWithTheRequiredUserAndShippingDetailsOnly() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.omitOptionalFields(true));
		String orderId = SimulatorFixture.orderId();
		assertThat(this.fixture.client(sim)
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.merchant.baseUrl(), true))
			.status()).isEqualTo(200);
		sim.approveExpress(MSN, orderId);
		JsonNode body = VippsPayloads.parse(callback(orderId).body());
		assertThat(fieldNames(body)).containsExactlyInAnyOrder("merchantSerialNumber", "orderId", "shippingDetails",
				"transactionInfo", "userDetails");
		assertThat(fieldNames(body.get("transactionInfo"))).doesNotContain("transactionId");
		assertThat(fieldNames(body.get("shippingDetails").get("address"))).doesNotContain("addressLine2")
			.contains("zipCode");
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void leavesTheContextIdOutOfErrors() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.omitOptionalFields(true));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		VippsTestClient.Result overCapture = client.capture(orderId, MSN, 30000L, "too-much");
		assertThat(overCapture.status()).isEqualTo(400);
		assertThat(overCapture.errorCode()).isEqualTo("61");
		assertThat(fieldNames(overCapture.json().get(0))).containsExactly("errorGroup", "errorCode", "errorMessage");
	}

	@Test
	void keepsEveryFieldWhenTheModeIsOff() {
		// The mode's opposite, so the assertions above can fail.
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		assertThat(fieldNames(client.capture(orderId, MSN, 5000L, "capture-1").json())).contains("transactionInfo",
				"transactionSummary");
		assertThat(fieldNames(client.details(orderId).json().get("transactionLogHistory").get(0))).contains("requestId",
				"timeStamp", "transactionId");
		assertThat(fieldNames(VippsPayloads.parse(callback(orderId).body()).get("transactionInfo")))
			.contains("transactionId");
	}

	private Received callback(String orderId) {
		return this.merchant.awaitCallback(orderId);
	}

	private static List<String> fieldNames(JsonNode node) {
		return List.copyOf(node.propertyNames());
	}

}
