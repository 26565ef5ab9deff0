package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.vipps.client.VippsClientConfig.RetrySettings;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPartner;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.Assertions;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator set-up and client configuration shared by the integration tests.
 *
 * @author vipps-client
 */
final class SimulatorFixtures {

	static final String MSN = "123456";

	static final String DIRECT_CAPTURE_MSN = "654321";

	static final String PARTNER_MSN = "223344";

	static final String FOREIGN_MSN = "998877";

	static final VippsCredentials MERCHANT_KEYS = new VippsCredentials("client-id", "client-secret-1",
			"subscription-key-1");

	static final VippsCredentials DIRECT_CAPTURE_KEYS = new VippsCredentials("cid-2", "secret-2", "key-2");

	static final VippsCredentials PARTNER_KEYS = new VippsCredentials("partner-id", "partner-secret", "partner-key");

	static final VippsSystemInfo SYSTEM = new VippsSystemInfo("acme", "1.2.3", "acme-vipps-client", "0.1.0");

	static final String CALLBACK_PREFIX = "https://shop.example.com/vipps/callbacks";

	static final String FALLBACK = "https://shop.example.com/vipps/result";

	/** Tiny waits so retries take milliseconds, not seconds. */
	static final RetrySettings FAST_RETRIES = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofSeconds(10), 0.5);

	/** How long a test waits for one call, retries included. */
	static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicInteger ORDERS = new AtomicInteger();

	private SimulatorFixtures() {
	}

	static VippsSimulator startSimulator() {
		return VippsSimulator.builder()
			.port(0)
			.merchant(SimulatedMerchant.of(MSN, MERCHANT_KEYS.clientId(), MERCHANT_KEYS.clientSecret(),
					MERCHANT_KEYS.subscriptionKey()))
			.merchant(SimulatedMerchant
				.of(DIRECT_CAPTURE_MSN, DIRECT_CAPTURE_KEYS.clientId(), DIRECT_CAPTURE_KEYS.clientSecret(),
						DIRECT_CAPTURE_KEYS.subscriptionKey())
				.directCapture(true))
			.merchant(SimulatedMerchant.of(PARTNER_MSN, "own-id-3", "own-secret-3", "own-key-3"))
			.merchant(SimulatedMerchant.of(FOREIGN_MSN, "own-id-4", "own-secret-4", "own-key-4"))
			.partner(SimulatedPartner.of(PARTNER_KEYS.clientId(), PARTNER_KEYS.clientSecret(),
					PARTNER_KEYS.subscriptionKey(), Set.of(PARTNER_MSN)))
			.tokenLifetime(Duration.ofHours(1))
			.seed(42L)
			.start();
	}

	static VippsClientConfig.Builder config(VippsSimulator sim) {
		return VippsClientConfig.builder(sim.baseUrl(), SYSTEM)
			.merchant(MSN, MERCHANT_KEYS)
			.merchant(DIRECT_CAPTURE_MSN, DIRECT_CAPTURE_KEYS)
			.partner(PARTNER_KEYS)
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(Duration.ofSeconds(5))
			.retry(FAST_RETRIES);
	}

	static VippsClient client(VippsSimulator sim, MeterRegistry registry) {
		return VippsClient.create(config(sim).build(), registry);
	}

	static String newOrderId() {
		return "it-" + ORDERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String newRequestId() {
		return UUID.randomUUID().toString();
	}

	static InitiatePaymentRequest regularPayment(String msn, String orderId, long amount) {
		return InitiatePaymentRequest.regular(msn, orderId, amount, "Socks for " + orderId, CALLBACK_PREFIX,
				FALLBACK + "/" + orderId, "auth-" + orderId);
	}

	static List<RecordedExchange> apiCalls(VippsSimulator sim, RecordedExchange.Kind kind) {
		return sim.exchanges().stream().filter((exchange) -> exchange.kind() == kind).toList();
	}

	static List<RecordedExchange> apiCalls(VippsSimulator sim, RecordedExchange.Kind kind, String orderId) {
		return apiCalls(sim, kind).stream().filter((exchange) -> orderId.equals(exchange.orderId())).toList();
	}

	/**
	 * Every request the client sent, and every answer, matches the official spec, except
	 * the answers a test broke on purpose (empty, HTML, odd timestamps, gateway shapes):
	 * of those exchanges only the request is checked.
	 * @param sim the simulator
	 */
	static void assertExchangesMatchTheSpec(VippsSimulator sim) {
		assertThat(VippsOpenApiContract.load().violationsExceptBrokenAnswers(sim.exchanges())).isEmpty();
	}

	/**
	 * The outcome of a call that must have been applied, with a completely read answer.
	 * @param <T> the response model
	 * @param call the call
	 * @return the response
	 */
	static <T> T applied(Mono<VippsOutcome<T>> call) {
		VippsOutcome.Applied<T> applied = appliedOutcome(call);
		assertThat(applied.readProblem()).as("read problem").isNull();
		assertThat(applied.response()).isNotNull();
		return applied.response();
	}

	static <T> VippsOutcome.Applied<T> appliedOutcome(Mono<VippsOutcome<T>> call) {
		return outcome(call).fold((applied) -> applied,
				(notApplied) -> Assertions.<VippsOutcome.Applied<T>>fail("expected applied, was " + notApplied),
				(unknown) -> Assertions.<VippsOutcome.Applied<T>>fail("expected applied, was " + unknown));
	}

	static <T> VippsOutcome.NotApplied<T> notApplied(Mono<VippsOutcome<T>> call) {
		return outcome(call).fold(
				(applied) -> Assertions.<VippsOutcome.NotApplied<T>>fail("expected not applied, was " + applied),
				(notApplied) -> notApplied,
				(unknown) -> Assertions.<VippsOutcome.NotApplied<T>>fail("expected not applied, was " + unknown));
	}

	static <T> VippsOutcome.Unknown<T> unknown(Mono<VippsOutcome<T>> call) {
		return outcome(call).fold(
				(applied) -> Assertions.<VippsOutcome.Unknown<T>>fail("expected unknown, was " + applied),
				(notApplied) -> Assertions.<VippsOutcome.Unknown<T>>fail("expected unknown, was " + notApplied),
				(unknown) -> unknown);
	}

	private static <T> VippsOutcome<T> outcome(Mono<VippsOutcome<T>> call) {
		VippsOutcome<T> outcome = call.block(CALL_TIMEOUT);
		assertThat(outcome).as("every mutating call ends in an outcome").isNotNull();
		return outcome;
	}

}
