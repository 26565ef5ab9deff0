package com.example.payments.facts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsClientConfig;
import com.example.payments.vipps.client.VippsCredentials;
import com.example.payments.vipps.client.VippsSystemInfo;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ids agree across sources whatever Vipps omits: dozens of payments against the
 * simulator over HTTP, every fact derived from the command answer, the callback and
 * {@code /details} as the three services will, once with every optional field Vipps may
 * send and once with none of them. One fact gets one id from every source, distinct facts
 * distinct ids, and reconciliation's ids are stable over polls.
 */
@RequiresVippsOpenApiSpec
class EventIdAgreementIT {

	private static final String MSN = "123456";

	private static final String DIRECT_CAPTURE_MSN = "654321";

	private static final VippsCredentials KEYS = new VippsCredentials("client-id", "client-secret", "key-1");

	private static final VippsCredentials DIRECT_CAPTURE_KEYS = new VippsCredentials("cid-2", "secret-2", "key-2");

	private static final int ROUNDS = 3;

	/**
	 * Each scenario, on a payment of 200 NOK: equal amounts on purpose, so only ids can
	 * tell the facts apart.
	 */
	private static final List<Scenario> SCENARIOS = List.of(
			new Scenario("partial captures and refunds of equal amounts", MSN,
					(run) -> run.initiate(20000)
						.approve()
						.callback()
						.capture(5000L)
						.capture(5000L)
						.reconcile()
						.capture(null)
						.refund(3000L)
						.refund(3000L)
						.reconcile()
						.refund(null)),
			new Scenario(
					"portal captures and refunds between ours, of equal amounts", MSN,
					(run) -> run
						.initiate(20000)
						.approve()
						.callback()
						.portalCapture(5000L)
						.capture(5000L)
						.reconcile()
						.portalCapture(5000L)
						.capture(null)
						.portalRefund(2000L)
						.refund(2000L)
						.reconcile()),
			new Scenario("portal capture of everything, then our refund", MSN,
					(run) -> run.initiate(20000).approve().callback().portalCapture(null).reconcile().refund(20000L)),
			new Scenario("void", MSN, (run) -> run.initiate(20000).approve().callback().cancel(false)),
			new Scenario("release of the rest after a partial capture", MSN,
					(run) -> run.initiate(20000).approve().callback().capture(5000L).cancel(true).refund(5000L)),
			new Scenario("merchant cancel before the user acts", MSN, (run) -> run.initiate(20000).cancel(false)),
			new Scenario("user rejects", MSN, (run) -> run.initiate(20000).reject().callback()),
			new Scenario("user does nothing in time", MSN, (run) -> run.initiate(20000).timeOut().callback()),
			new Scenario("reservation fails", MSN, (run) -> run.initiate(20000).failReservation().callback()),
			new Scenario("reserved, callback late: reconciliation first", MSN,
					(run) -> run.initiate(20000).approve().reconcile().callback().capture(null)),
			new Scenario("rejected, callback late: reconciliation first", MSN,
					(run) -> run.initiate(20000).reject().reconcile().callback()),
			new Scenario("failed, callback late: reconciliation first", MSN,
					(run) -> run.initiate(20000).failReservation().reconcile().callback()),
			new Scenario("direct capture, refunds of equal amounts", DIRECT_CAPTURE_MSN,
					(run) -> run.initiate(20000)
						.approve()
						.callback()
						.refund(5000L)
						.refund(5000L)
						.reconcile()
						.portalRefund(5000L)
						.reconcile()),
			new Scenario("direct capture fails", DIRECT_CAPTURE_MSN,
					(run) -> run.initiate(20000).failReservation().callback()),
			new Scenario("express checkout", MSN,
					(run) -> run.initiateExpress(20000).approveExpress().callback().capture(null).refund(1000L)),
			new Scenario("express checkout rejected", MSN, (run) -> run.initiateExpress(20000).reject().callback()),
			new Scenario("regular payment sharing the profile (scope)", MSN,
					(run) -> run.initiateWithScope(20000).approve().callback().reconcile().capture(null)));

	@ParameterizedTest(name = "omit optional fields: {0}")
	@ValueSource(booleans = { false, true })
	void everySourceGivesOneFactOneIdAndDistinctFactsDistinctIds(boolean omitOptionalFields) {
		try (CallbackReceiver callbacks = CallbackReceiver.start();
				VippsSimulator simulator = VippsSimulator.builder()
					.port(0)
					.merchant(SimulatedMerchant.of(MSN, KEYS.clientId(), KEYS.clientSecret(), KEYS.subscriptionKey()))
					.merchant(SimulatedMerchant
						.of(DIRECT_CAPTURE_MSN, DIRECT_CAPTURE_KEYS.clientId(), DIRECT_CAPTURE_KEYS.clientSecret(),
								DIRECT_CAPTURE_KEYS.subscriptionKey())
						.directCapture(true))
					.omitOptionalFields(omitOptionalFields)
					.seed(8L)
					.start();
				VippsClient vipps = VippsClient.create(VippsClientConfig
					.builder(simulator.baseUrl(), new VippsSystemInfo("acme", "1.0.0", "payment-facts-it", "0.1.0"))
					.merchant(MSN, KEYS)
					.merchant(DIRECT_CAPTURE_MSN, DIRECT_CAPTURE_KEYS)
					.allowInsecureLocalUrls(true)
					.readTimeout(Duration.ofSeconds(5))
					.build(), new SimpleMeterRegistry())) {
			PaymentRun.Sources sources = new PaymentRun.Sources(simulator, vipps, callbacks);
			List<PaymentRun> runs = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < SCENARIOS.size(); i++) {
					Scenario scenario = SCENARIOS.get(i);
					String orderId = "facts-" + (omitOptionalFields ? "lean" : "full") + "-" + round + "-" + i;
					PaymentRun run = new PaymentRun(sources, scenario.msn(), orderId);
					scenario.steps().accept(run);
					runs.add(run);
				}
			}
			Set<String> allIds = new HashSet<>();
			int facts = 0;
			for (PaymentRun run : runs) {
				run.assertOneIdPerFact(simulator.payment(run.msn(), run.orderId()).orElseThrow(), omitOptionalFields);
				allIds.addAll(run.ids());
				facts += run.ids().size();
			}
			assertThat(runs).hasSize(ROUNDS * SCENARIOS.size());
			assertThat(allIds).as("no two facts share an id, across payments too").hasSize(facts);
			assertThat(VippsOpenApiContract.load().violations(simulator.exchanges())).isEmpty();
		}
	}

	/**
	 * One kind of payment life.
	 *
	 * @param name what happens
	 * @param msn the sales unit (direct capture or not)
	 * @param steps the steps
	 */
	private record Scenario(String name, String msn, Consumer<PaymentRun> steps) {

	}

}
