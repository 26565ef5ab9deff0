package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.example.payments.vipps.simulator.VippsTestClient.Result;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-order lock: a capture, cancel or refund arriving while another one on the same
 * order is in flight gets VippsError 94. The first call is held in flight by injected
 * latency (it is applied at once, answered later), so the overlap is deterministic.
 */
@RequiresVippsOpenApiSpec
class OrderLockTests {

	private static final String MSN = SimulatorFixture.MSN;

	// Long enough that the calls made meanwhile finish first, even on a loaded CI
	// machine.
	private static final Duration HELD = Duration.ofSeconds(6);

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	/**
	 * Starts a capture of 5000 that stays in flight for {@link #HELD}, and waits until
	 * "Vipps" has applied it.
	 */
	private CompletableFuture<Result> captureHeldInFlight(VippsSimulator sim, VippsTestClient client, String orderId) {
		sim.faults().latency(SimulatedOperation.CAPTURE, HELD, Duration.ZERO);
		CompletableFuture<Result> first = CompletableFuture
			.supplyAsync(() -> client.capture(orderId, MSN, 5000L, "first"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sim.payment(MSN, orderId).orElseThrow().capturedAmount() == 5000);
		sim.faults().latency(SimulatedOperation.CAPTURE, Duration.ZERO, Duration.ZERO);
		return first;
	}

	@Test
	void captureCancelAndRefundWhileACaptureIsInFlightGetOrderLocked94() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		CompletableFuture<Result> first = captureHeldInFlight(sim, client, orderId);

		Result capture = client.capture(orderId, MSN, 1000L, "second");
		Result refund = client.refund(orderId, MSN, 1000L, "refund-1");
		Result cancel = client.cancel(orderId, MSN, true);
		for (Result locked : new Result[] { capture, refund, cancel }) {
			assertThat(locked.status()).isEqualTo(409);
			assertThat(locked.errorGroup()).isEqualTo("VippsError");
			assertThat(locked.errorCode()).isEqualTo("94");
		}
		assertThat(first).isNotDone();

		assertThat(first.join().status()).isEqualTo(200);
		SimulatedPayment payment = sim.payment(MSN, orderId).orElseThrow();
		assertThat(payment.capturedAmount()).isEqualTo(5000);
		assertThat(payment.refundedAmount()).isZero();
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void lockedCallSucceedsWhenRetriedWithTheSameRequestIdAfterTheFirstAnswer() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		CompletableFuture<Result> first = captureHeldInFlight(sim, client, orderId);
		assertThat(client.capture(orderId, MSN, 1000L, "second").errorCode()).isEqualTo("94");
		first.join();

		assertThat(client.capture(orderId, MSN, 1000L, "second").status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(6000);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void otherOrdersAndReadsAreNotLocked() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		String other = this.fixture.reservedPayment(sim, client);
		CompletableFuture<Result> first = captureHeldInFlight(sim, client, orderId);

		assertThat(client.capture(other, MSN, 1000L, "other").status()).isEqualTo(200);
		assertThat(client.details(orderId).status()).isEqualTo(200);
		assertThat(first.join().status()).isEqualTo(200);
	}

	@Test
	void withTheLockDisabledConcurrentCallsAreBothApplied() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.orderLock(false));
		VippsTestClient client = this.fixture.client(sim);
		String orderId = this.fixture.reservedPayment(sim, client);
		CompletableFuture<Result> first = captureHeldInFlight(sim, client, orderId);

		assertThat(client.capture(orderId, MSN, 1000L, "second").status()).isEqualTo(200);
		assertThat(first.join().status()).isEqualTo(200);
		assertThat(sim.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(6000);
	}

}
