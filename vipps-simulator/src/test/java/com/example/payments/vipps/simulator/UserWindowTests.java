package com.example.payments.vipps.simulator;

import java.time.Duration;

import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The user's window as Vipps has it: 5 minutes to open the url, then 5 more in the app.
 * On timeout: a CANCEL entry and the callback REJECTED.
 */
@RequiresVippsOpenApiSpec
class UserWindowTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private String initiate(VippsSimulator sim) {
		String orderId = SimulatorFixture.orderId();
		assertThat(this.fixture.client(sim).initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl()).status())
			.isEqualTo(200);
		return orderId;
	}

	private void assertTimedOutWithRejectedCallback(VippsSimulator sim, String orderId) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().status() == Status.REJECTED);
		assertThat(sim.payment(MSN, orderId).orElseThrow().log().get(0).operation()).isEqualTo(Operation.CANCEL);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.merchant.callbacks().size() == 1);
		assertThat(VippsPayloads.parse(this.fixture.merchant.callbacks().get(0).body())
			.get("transactionInfo")
			.get("status")
			.asString()).isEqualTo("REJECTED");
	}

	private static EntityExchangeResult<String> open(VippsSimulator sim, String orderId) {
		String url = sim.payment(MSN, orderId).orElseThrow().url();
		return WebTestClient.bindToServer()
			.baseUrl(sim.baseUrl())
			.build()
			.get()
			.uri(url)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	@Test
	void paymentWhoseUrlIsNotOpenedWithinFiveMinutesTimesOut() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim);
		sim.advanceClock(Duration.ofMinutes(5));
		assertTimedOutWithRejectedCallback(sim, orderId);
	}

	@Test
	void urlOpenedWithinFiveMinutesShowsThePaymentAndGivesFiveMoreInTheApp() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim);
		sim.advanceClock(Duration.ofMinutes(4));
		EntityExchangeResult<String> page = open(sim, orderId);
		assertThat(page.getStatus().value()).isEqualTo(200);
		assertThat(page.getResponseBody()).contains("id=\"approve\"");
		sim.advanceClock(Duration.ofMinutes(4).plusSeconds(59));
		assertThat(sim.approve(MSN, orderId).status()).isEqualTo(Status.RESERVED);
	}

	@Test
	void urlOpenedAfterFiveMinutesShowsAnExpiredPageAndThePaymentTimesOut() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.landingPageTimeout(Duration.ofHours(1)));
		String orderId = initiate(sim);
		sim.advanceClock(Duration.ofHours(1));
		EntityExchangeResult<String> page = open(sim, orderId);
		assertThat(page.getStatus().value()).isEqualTo(410);
		assertThat(page.getResponseBody()).contains("has expired").doesNotContain("id=\"approve\"");
		assertTimedOutWithRejectedCallback(sim, orderId);
	}

	@Test
	void openedPaymentTimesOutWhenTheAppWindowPasses() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiate(sim);
		sim.advanceClock(Duration.ofMinutes(3));
		assertThat(sim.open(MSN, orderId).status()).isEqualTo(Status.INITIATED);
		sim.advanceClock(Duration.ofMinutes(5));
		assertThatIllegalStateException().isThrownBy(() -> sim.approve(MSN, orderId));
		assertTimedOutWithRejectedCallback(sim, orderId);
	}

	@Test
	void configuredWindowsApplyAndTheExpiredUrlCannotBeOpened() {
		VippsSimulator sim = this.fixture
			.start((builder) -> builder.landingPageTimeout(Duration.ofMinutes(1)).appTimeout(Duration.ofMinutes(2)));
		String opened = initiate(sim);
		String ignored = initiate(sim);
		sim.open(MSN, opened);
		sim.advanceClock(Duration.ofMinutes(1));
		assertThatIllegalStateException().isThrownBy(() -> sim.open(MSN, ignored)).withMessageContaining("expired");
		assertThat(sim.payment(MSN, ignored).orElseThrow().status()).isEqualTo(Status.REJECTED);
		sim.advanceClock(Duration.ofSeconds(59));
		assertThat(sim.approve(MSN, opened).status()).isEqualTo(Status.RESERVED);
	}

	@Test
	void forceApproveAfterTheWindowFindsTheTimedOutPayment() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = initiate(sim);
		String url = sim.payment(MSN, orderId).orElseThrow().url();
		sim.advanceClock(Duration.ofMinutes(5));
		VippsTestClient.Result late = client.forceApprove(orderId, url.split("=", 3)[2]);
		assertThat(late.status()).isEqualTo(400);
		assertThat(late.errorCode()).isEqualTo("91");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.REJECTED);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

}
