package com.example.payments.vipps.simulator;

import com.example.payments.vipps.simulator.SimulatedPayment.LogEntry;
import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Captures and refunds made in the merchant portal: history entries without a
 * {@code requestId}, through the Java API and {@code /_sim}.
 */
class PortalOperationsTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	@RequiresVippsOpenApiSpec
	void portalCaptureAndRefundAddEntriesWithoutARequestId() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		sim.portalCapture(MSN, orderId, 5000L);
		client.capture(orderId, MSN, 5000L, "capture-1");
		SimulatedPayment payment = sim.portalRefund(MSN, orderId, 2000L);
		assertThat(payment.capturedAmount()).isEqualTo(10000);
		assertThat(payment.refundedAmount()).isEqualTo(2000);
		assertThat(payment.log()).extracting(LogEntry::operation)
			.containsExactly(Operation.REFUND, Operation.CAPTURE, Operation.CAPTURE, Operation.RESERVE,
					Operation.INITIATE);
		assertThat(payment.log()).extracting(LogEntry::requestId).containsExactly("", "capture-1", "", "", "");
		JsonNode history = client.details(orderId).json().get("transactionLogHistory");
		assertThat(history.get(2).get("requestId").asString()).isEmpty();
		assertThat(history.get(2).get("transactionId").asString()).matches("\\d{10,}");
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void portalCaptureWithoutAmountCapturesTheRest() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = this.fixture.reservedPayment(sim, this.fixture.client(sim));
		assertThat(sim.portalCapture(MSN, orderId, null).capturedAmount()).isEqualTo(20000);
	}

	@Test
	void portalCaptureIsRefusedWhereVippsWouldRefuseIt() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String pending = SimulatorFixture.orderId();
		client.initiate(MSN, pending, 20000, this.fixture.merchant.baseUrl());
		assertThatIllegalStateException().isThrownBy(() -> sim.portalCapture(MSN, pending, 5000L))
			.withMessageContaining("portal capture refused");
		String reserved = this.fixture.reservedPayment(sim, client);
		assertThatIllegalStateException().isThrownBy(() -> sim.portalCapture(MSN, reserved, 30000L))
			.withMessageContaining("exceeds");
		assertThatIllegalStateException().isThrownBy(() -> sim.portalRefund(MSN, reserved, 100L))
			.withMessageContaining("portal refund refused");
	}

	@Test
	void controlRoutesCaptureAndRefundLikeThePortal() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = this.fixture.reservedPayment(sim, this.fixture.client(sim));
		WebClient control = WebClient.create(sim.baseUrl() + "/_sim/payments/" + MSN + "/" + orderId);
		control.post().uri("/portal-capture").bodyValue("{\"amount\":7000}").retrieve().toBodilessEntity().block();
		control.post().uri("/portal-refund").bodyValue("{}").retrieve().toBodilessEntity().block();
		SimulatedPayment payment = sim.payment(MSN, orderId).orElseThrow();
		assertThat(payment.capturedAmount()).isEqualTo(7000);
		assertThat(payment.refundedAmount()).as("no amount refunds everything refundable").isEqualTo(7000);
		assertThatExceptionOfType(WebClientResponseException.class)
			.isThrownBy(() -> control.post()
				.uri("/portal-capture")
				.bodyValue("{\"amount\":\"lots\"}")
				.retrieve()
				.toBodilessEntity()
				.block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

}
