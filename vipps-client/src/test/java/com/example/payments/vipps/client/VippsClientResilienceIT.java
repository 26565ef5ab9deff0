package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsNextStep;
import com.example.payments.vipps.client.error.VippsTransportException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.TransactionOperation;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tokens, retries, idempotency, rate limits, timeouts and metrics against the real
 * simulator and its fault injection.
 *
 * @author vipps-client
 */
@RequiresVippsOpenApiSpec
class VippsClientResilienceIT {

	@RegisterExtension
	static final SimulatedVipps vipps = new SimulatedVipps();

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private SimpleMeterRegistry registry;

	private VippsClient client;

	@BeforeEach
	void newClient() {
		this.registry = new SimpleMeterRegistry();
		this.client = SimulatorFixtures.client(vipps.sim(), this.registry);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void refreshesAnExpiredTokenOnceAndRetries() {
		String orderId = reservedPayment(10000);
		int tokensBefore = SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN).size();
		vipps.sim().expireTokens();
		PaymentDetails details = this.client.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(details.orderId()).isEqualTo(orderId);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN)).hasSize(tokensBefore + 1);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS, orderId)).extracting(RecordedExchange::status)
			.containsExactly(401, 200);
	}

	@Test
	void refreshesTheTokenOnceForCaptureWithoutCapturingTwice() {
		String orderId = reservedPayment(10000);
		vipps.sim().expireTokens();
		String requestId = SimulatorFixtures.newRequestId();
		SimulatorFixtures.applied(this.client.capture(orderId, requestId,
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 4000L, "Shipped")));
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(401, 200);
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(4000);
	}

	@Test
	void concurrentCallersShareOneTokenRequest() {
		List<String> orderIds = IntStream.range(0, 3).mapToObj((i) -> SimulatorFixtures.newOrderId()).toList();
		try (VippsClient fresh = SimulatorFixtures.client(vipps.sim(), new SimpleMeterRegistry())) {
			Flux.fromIterable(orderIds)
				.flatMap((orderId) -> fresh
					.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)))
				.collectList()
				.block(TIMEOUT);
			vipps.sim().expireTokens();
			Flux.fromIterable(orderIds)
				.flatMap((orderId) -> fresh.details(SimulatorFixtures.MSN, orderId))
				.concatWith(Flux.range(0, 5).flatMap((i) -> fresh.details(SimulatorFixtures.MSN, orderIds.get(0))))
				.collectList()
				.block(TIMEOUT);
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN))
			.as("one initial fetch, one refresh after expiry")
			.hasSize(2);
	}

	@Test
	void replacesTokensBeforeTheyExpire() {
		VippsSimulator shortTokens = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of(SimulatorFixtures.MSN, SimulatorFixtures.MERCHANT_KEYS.clientId(),
					SimulatorFixtures.MERCHANT_KEYS.clientSecret(), SimulatorFixtures.MERCHANT_KEYS.subscriptionKey()))
			.tokenLifetime(Duration.ofSeconds(3))
			.start();
		// A 10 minute margin is capped at half of the 3 s lifetime: the token is replaced
		// after about 1.5 s, before Vipps would reject it.
		VippsClientConfig config = SimulatorFixtures.config(shortTokens)
			.tokenRefreshMargin(Duration.ofMinutes(10))
			.build();
		try (shortTokens; VippsClient early = VippsClient.create(config, new SimpleMeterRegistry())) {
			String orderId = SimulatorFixtures.newOrderId();
			SimulatorFixtures
				.applied(early.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				early.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
				assertThat(SimulatorFixtures.apiCalls(shortTokens, Kind.ACCESS_TOKEN)).hasSize(2);
			});
			assertThat(shortTokens.exchanges()).filteredOn((exchange) -> !exchange.outbound())
				.extracting(RecordedExchange::status)
				.as("never rejected: refreshed before expiry")
				.containsOnly(200);
			SimulatorFixtures.assertExchangesMatchTheSpec(shortTokens);
		}
	}

	@Test
	void capturesOnlyOnceWhenRetriedWithSameRequestId() {
		String orderId = reservedPayment(20000);
		String requestId = SimulatorFixtures.newRequestId();
		vipps.sim().faults().applyThenFailNext(SimulatedOperation.CAPTURE, 1, 502);
		TransactionResponse captured = SimulatorFixtures.applied(this.client.capture(orderId, requestId,
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 5000L, "Shipped")));
		assertThat(captured.transactionSummary().capturedAmount()).isEqualTo(5000);
		List<RecordedExchange> captures = SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId);
		assertThat(captures).extracting(RecordedExchange::status).containsExactly(502, 200);
		assertThat(captures).extracting((exchange) -> exchange.requestHeader("X-Request-Id")).containsOnly(requestId);
		SimulatedPayment truth = vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow();
		assertThat(truth.capturedAmount()).isEqualTo(5000);
		assertThat(truth.log()).filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.CAPTURE)
			.hasSize(1);
	}

	@Test
	void refundsOnlyOnceWhenRetriedWithSameRequestId() {
		String orderId = reservedPayment(20000);
		SimulatorFixtures.applied(this.client.capture(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, null, "Shipped")));
		vipps.sim().faults().applyThenFailNext(SimulatedOperation.REFUND, 1, 500);
		SimulatorFixtures.applied(this.client.refund(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 3000L, "Refund")));
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.REFUND, orderId)).extracting(RecordedExchange::status)
			.containsExactly(500, 200);
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(3000);
	}

	@Test
	void retriesACaptureOnOrderLockedAndServerErrors() {
		String orderId = reservedPayment(20000);
		vipps.sim().faults().failNext(SimulatedOperation.CAPTURE, 1, 409);
		SimulatorFixtures.applied(this.client.capture(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 1000L, "Shipped")));
		vipps.sim().faults().failNext(SimulatedOperation.CAPTURE, 2, 503);
		SimulatorFixtures.applied(this.client.capture(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 1000L, "Shipped")));
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(409, 200, 503, 503, 200);
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(2000);
	}

	@Test
	void retriesDetailsAfterTheAdvertisedRetryAfter() {
		String orderId = reservedPayment(10000);
		vipps.sim().faults().rateLimitNext(SimulatedOperation.DETAILS, 1, Duration.ofSeconds(1));
		long start = System.nanoTime();
		this.client.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		List<RecordedExchange> calls = SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS, orderId);
		assertThat(calls).extracting(RecordedExchange::status).containsExactly(429, 200);
		assertThat(calls.get(0).responseHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void retriesAThrottledInitiateBecauseItWasNotProcessed() {
		this.client.details(SimulatorFixtures.MSN, reservedPayment(10000)).block(TIMEOUT);
		String orderId = SimulatorFixtures.newOrderId();
		vipps.sim().faults().rateLimitNext(SimulatedOperation.INITIATE, 1, Duration.ofSeconds(1));
		SimulatorFixtures
			.applied(this.client.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.INITIATE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(429, 200);
	}

	@Test
	void timesOutSlowDetailsAndRetriesThem() {
		String orderId = reservedPayment(10000);
		try (VippsClient impatient = VippsClient
			.create(SimulatorFixtures.config(vipps.sim()).readTimeout(Duration.ofMillis(300)).build(), this.registry)) {
			impatient.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
			vipps.sim().faults().latency(SimulatedOperation.DETAILS, Duration.ofMillis(1500), Duration.ZERO);
			assertThatThrownBy(() -> impatient.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT))
				.isInstanceOfSatisfying(VippsTransportException.class, (exception) -> {
					assertThat(exception.timeout()).isTrue();
					assertThat(exception.requestSent()).isTrue();
					assertThat(exception.kind()).isEqualTo("timeout");
				});
			assertThat(this.registry.get("vipps.api.requests")
				.tags("operation", "details", "outcome", "timeout")
				.timer()
				.count()).isEqualTo(SimulatorFixtures.FAST_RETRIES.maxAttempts().longValue());
		}
		vipps.sim().faults().reset();
	}

	@Test
	void doesNotResendAnInitiateThatTimedOut() {
		this.client.details(SimulatorFixtures.MSN, reservedPayment(10000)).block(TIMEOUT);
		try (VippsClient impatient = VippsClient
			.create(SimulatorFixtures.config(vipps.sim()).readTimeout(Duration.ofMillis(300)).build(), this.registry)) {
			impatient.details(SimulatorFixtures.MSN, reservedPayment(10000)).block(TIMEOUT);
			vipps.sim().faults().latency(SimulatedOperation.INITIATE, Duration.ofMillis(1000), Duration.ZERO);
			String orderId = SimulatorFixtures.newOrderId();
			VippsOutcome.Unknown<PaymentInitiationResponse> unknown = SimulatorFixtures
				.unknown(impatient.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
			assertThat(unknown.category()).isEqualTo(VippsErrorCategory.TRANSPORT);
			assertThat(unknown.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
			assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId)).as("Vipps did apply it").isPresent();
			assertThat(this.registry.get("vipps.api.requests")
				.tags("operation", "initiate", "outcome", "timeout")
				.timer()
				.count()).as("sent once only").isEqualTo(1L);
		}
		vipps.sim().faults().reset();
	}

	@Test
	void recordsTimersErrorAndOutcomeCountersWithoutOrderIds() {
		String orderId = reservedPayment(10000);
		SimulatorFixtures.applied(this.client.capture(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 5000L, "Shipped")));
		SimulatorFixtures.notApplied(this.client.capture(orderId, SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of(SimulatorFixtures.MSN, 9000L, "Too much")));
		SimulatorFixtures.applied(this.client.cancel(orderId,
				CancelPaymentRequest.releasingRemainingFunds(SimulatorFixtures.MSN, "Done")));
		assertThat(this.registry.get("vipps.api.requests")
			.tags("operation", "capture", "outcome", "success", "http_status", "200", "msn", SimulatorFixtures.MSN)
			.timer()
			.count()).isEqualTo(1L);
		assertThat(this.registry.get("vipps.api.requests")
			.tags("operation", "capture", "outcome", "payment", "http_status", "400", "msn", SimulatorFixtures.MSN)
			.timer()
			.count()).isEqualTo(1L);
		assertThat(this.registry.get("vipps.api.requests")
			.tags("operation", "access_token", "outcome", "success")
			.timer()
			.count()).isEqualTo(1L);
		assertThat(this.registry.get("vipps.api.errors")
			.tags("operation", "capture", "error_group", "Payment", "error_code", "61")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get("vipps.api.outcomes")
			.tags("operation", "capture", "outcome", "applied", "category", "none", "msn", SimulatorFixtures.MSN)
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get("vipps.api.outcomes")
			.tags("operation", "capture", "outcome", "not_applied", "category", "PAYMENT")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get("vipps.api.outcomes")
			.tags("operation", "cancel", "outcome", "applied")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.getMeters()).flatExtracting((Meter meter) -> meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().equals(orderId));
		assertThat(this.registry.getMeters()).extracting((Meter meter) -> meter.getId().getName())
			.containsOnly("vipps.api.requests", "vipps.api.errors", "vipps.api.outcomes");
		Mono<?> invalid = this.client.details(SimulatorFixtures.MSN, "bad_id");
		assertThatThrownBy(() -> invalid.block(TIMEOUT)).isInstanceOf(VippsApiException.class);
		assertThat(this.registry.get("vipps.api.requests")
			.tags("operation", "details", "outcome", "validation")
			.timer()
			.count()).isEqualTo(1L);
		SimulatorFixtures.notApplied(this.client.capture("bad_id", SimulatorFixtures.newRequestId(),
				PaymentActionsRequest.of("12", 100L, "Bad")));
		assertThat(this.registry.get("vipps.api.outcomes")
			.tags("operation", "capture", "outcome", "not_applied", "category", "VALIDATION", "msn", "invalid")
			.counter()
			.count()).as("a caller's garbage MSN is not a tag value").isEqualTo(1.0);
	}

	@Test
	void readsTheFullHistoryAfterRetriedOperations() {
		String orderId = reservedPayment(10000);
		vipps.sim().faults().failNext(SimulatedOperation.DETAILS, 1, 500);
		PaymentDetails details = this.client.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(details.transactionLogHistory()).extracting((entry) -> entry.operation())
			.containsExactly(TransactionOperation.RESERVE, TransactionOperation.INITIATE);
	}

	private String reservedPayment(long amount) {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures
			.applied(this.client.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, amount)));
		vipps.sim().approve(SimulatorFixtures.MSN, orderId);
		return orderId;
	}

}
