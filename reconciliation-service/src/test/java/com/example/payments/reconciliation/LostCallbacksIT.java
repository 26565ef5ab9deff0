package com.example.payments.reconciliation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.example.payments.facts.SimulatorTruth;
import com.example.payments.reconciliation.StandInServices.Applied;
import com.example.payments.reconciliation.StandInServices.Payment;
import com.example.payments.reconciliation.tracking.ReconciliationMetrics;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.ReservationAgeing;
import com.example.payments.schema.event.ReservationDeadline;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of payment ends with the complete, correct set of events when Vipps'
 * callbacks are lost, with and without Vipps' optional fields: reconciliation publishes
 * exactly the facts nobody else did, each under the id a callback or command answer would
 * have had, never a fact twice under two ids, and nothing for payments whose callbacks
 * arrived; its {@code /details} calls keep Vipps' per-order limit, and every exchange
 * follows the official spec.
 */
@ExtendWith(KafkaTestEnvironment.class)
@RequiresVippsOpenApiSpec
class LostCallbacksIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** The service's Vipps-System-Plugin-Name (application.yml). */
	private static final String SERVICE_PLUGIN = "vipps-payments-kafka";

	@TempDir
	Path temp;

	@ParameterizedTest(name = "omit optional fields: {0}")
	@ValueSource(booleans = { false, true })
	void everyPaymentEndsWithItsCompleteFactsAndNoneTwice(boolean omit, KafkaTestEnvironment.Environment kafka)
			throws Exception {
		String prefix = "lost-callbacks-" + (omit ? "lean" : "full");
		String[] topics = ReconciliationHarness.topics(kafka, prefix, 2);
		try (VippsSimulator simulator = ReconciliationHarness.simulator(omit).start();
				StandInServices services = new StandInServices(kafka, simulator, topics[0], topics[1]);
				PublishedEvents events = new PublishedEvents(kafka, topics[0]);
				ServiceUnderTest service = ReconciliationHarness.start(kafka, simulator, topics,
						prefix + "-" + System.nanoTime(), this.temp.resolve("state"),
						"reconciliation.reservation-reminders[0].age=8s",
						"reconciliation.reservation-reminders[0].deadline=BANK_RESERVATION",
						"reconciliation.reservation-reminders[0].deadline-age=7d")) {
			Run run = new Run(services, events, prefix, omit);

			// given: payments whose callbacks arrive (the reserved ones captured before
			// they age)
			Payment regular = run.next().initiate(20000).approve();
			Payment express = run.next().initiateExpress(20000).approveExpress();
			List<Payment> arrived = List.of(regular, express, run.next().initiate(20000).reject(),
					run.next(ReconciliationHarness.DIRECT_CAPTURE_MSN).initiate(20000).approve());
			run.reserved(regular).capture(null);
			run.reserved(express).capture(null);
			arrived.forEach((payment) -> run.awaitComplete(simulator, payment, true));

			// when: every callback is lost from now on
			simulator.faults().callbacks().dropRate(1.0);
			List<Payment> lost = new ArrayList<>();
			Payment ageing = run.next().initiate(20000).approve();
			lost.add(ageing);
			lost.add(run.next().initiate(20000).reject());
			lost.add(run.next().initiate(20000).timeOut());
			lost.add(run.next().initiate(20000).failReservation());
			lost.add(run.next(ReconciliationHarness.DIRECT_CAPTURE_MSN).initiate(20000).approve());
			lost.add(run.next().initiateExpress(20000).approveExpress());
			lost.add(run.next().initiateWithScope(20000).approve());
			lost.add(run.next().initiate(20000).cancel(false));
			// partial captures and refunds of equal amounts through the command service
			lost.add(run.reserved(run.next().initiate(20000).approve())
				.capture(5000L)
				.capture(5000L)
				.refund(2000L)
				.capture(null)
				.refund(2000L));
			// a capture Vipps applied before the command service published it, while
			// reconciliation polls
			Payment slow = run.reserved(run.next().initiate(20000).approve());
			Applied applied = slow.captureAtVipps(5000L);
			run.awaitServiceChecks(simulator, slow, 2);
			slow.answer(applied).answer(slow.captureAtVipps(null));
			lost.add(slow);
			// captures and a refund in the merchant portal, outside the system
			lost.add(run.reserved(run.next().initiate(20000).approve())
				.portalCapture(5000L)
				.portalCapture(5000L)
				.portalRefund(3000L));
			// the merchant voids, and releases the rest after a capture
			lost.add(run.reserved(run.next().initiate(20000).approve()).cancel(false));
			lost.add(run.reserved(run.next().initiate(20000).approve()).capture(5000L).cancel(true));
			// the command service lost a capture's answer and hands its outcome over
			Payment handedOver = run.reserved(run.next().initiate(20000).approve());
			Applied unknown = handedOver.captureAtVipps(5000L);
			handedOver.outcomeUnknown(unknown);
			lost.add(handedOver);

			// then
			lost.forEach((payment) -> run.awaitComplete(simulator, payment, false));
			assertThat(events.of(handedOver.key()))
				.filteredOn((event) -> event.getSource() == EventSource.RECONCILIATION)
				.extracting(PaymentEvent::getEventId)
				.as("the handed-over capture under its command's id")
				.contains(PaymentEventIds.capture(handedOver.key(), unknown.command().getCommandId()));
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events.reconciled(ageing.key()))
					.filteredOn((event) -> event.getEvent() instanceof ReservationAgeing)
					.as("a reservation left uncaptured is reminded of once per reminder")
					.singleElement()
					.satisfies((event) -> {
						ReservationAgeing reminder = (ReservationAgeing) event.getEvent();
						assertThat(reminder.getDeadline()).isEqualTo(ReservationDeadline.BANK_RESERVATION);
						assertThat(reminder.getRemainingAmountToCapture()).isEqualTo(20000);
					}));
			for (Payment payment : arrived) {
				assertThat(events.reconciled(payment.key())).as("%s: its callbacks arrived", payment.orderId())
					.isEmpty();
			}
			MeterRegistry meters = service.context().getBean(MeterRegistry.class);
			assertThat(meters.find(ReconciliationMetrics.FACTS_FOUND).tag("type", "PaymentReserved").counter())
				.as("reservations found only by polling")
				.isNotNull()
				.satisfies((found) -> assertThat(found.count()).isGreaterThanOrEqualTo(8));
			assertKeepsVippsPerOrderLimit(simulator.exchanges());
			assertThat(VippsOpenApiContract.load().violations(simulator.exchanges())).isEmpty();
		}
	}

	private static void assertKeepsVippsPerOrderLimit(List<RecordedExchange> exchanges) {
		Map<String, List<RecordedExchange>> byOrder = exchanges.stream()
			.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.DETAILS)
			.filter((exchange) -> SERVICE_PLUGIN.equals(exchange.requestHeader("Vipps-System-Plugin-Name")))
			.collect(Collectors.groupingBy(RecordedExchange::orderId));
		assertThat(byOrder).isNotEmpty();
		byOrder.forEach((orderId, calls) -> {
			List<RecordedExchange> inOrder = calls.stream().sorted(Comparator.comparing(RecordedExchange::at)).toList();
			assertThat(inOrder).as("%s: never throttled", orderId)
				.allSatisfy((call) -> assertThat(call.status()).isEqualTo(200));
			for (int i = 1; i < inOrder.size(); i++) {
				// 120 per minute: at least 500 ms apart.
				assertThat(Duration.between(inOrder.get(i - 1).at(), inOrder.get(i).at()))
					.as("%s: calls %d and %d", orderId, i - 1, i)
					.isGreaterThanOrEqualTo(Duration.ofMillis(490));
			}
		});
	}

	/**
	 * The payments of one test run, and what to wait for.
	 */
	private static final class Run {

		private final StandInServices services;

		private final PublishedEvents events;

		private final String prefix;

		private final boolean omit;

		private int count;

		Run(StandInServices services, PublishedEvents events, String prefix, boolean omit) {
			this.services = services;
			this.events = events;
			this.prefix = prefix;
			this.omit = omit;
		}

		Payment next() {
			return next(ReconciliationHarness.MSN);
		}

		Payment next(String msn) {
			return this.services.payment(msn, this.prefix + "-" + (++this.count));
		}

		/**
		 * Wait until the reservation is on the events topic (from its callback, or found
		 * by polling when the callback is lost).
		 */
		Payment reserved(Payment payment) {
			await().atMost(WAIT)
				.until(() -> SimulatorTruth.held(this.events.of(payment.key()))
					.stream()
					.anyMatch((fact) -> fact.startsWith("reserved")));
			return payment;
		}

		void awaitServiceChecks(VippsSimulator simulator, Payment payment, int more) {
			long before = serviceChecks(simulator, payment);
			await().atMost(WAIT).until(() -> serviceChecks(simulator, payment) >= before + more);
		}

		private static long serviceChecks(VippsSimulator simulator, Payment payment) {
			return simulator.exchanges()
				.stream()
				.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.DETAILS
						&& payment.orderId().equals(exchange.orderId())
						&& SERVICE_PLUGIN.equals(exchange.requestHeader("Vipps-System-Plugin-Name")))
				.count();
		}

		void awaitComplete(VippsSimulator simulator, Payment payment, boolean callbacksArrived) {
			List<String> expected = SimulatorTruth
				.facts(simulator.payment(payment.msn(), payment.orderId()).orElseThrow(), this.omit, callbacksArrived);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(SimulatorTruth.held(this.events.of(payment.key())))
					.as("%s: one event per fact, one fact per event", payment.orderId())
					.containsExactlyInAnyOrderElementsOf(expected));
		}

	}

}
