package com.example.payments.reconciliation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.example.payments.reconciliation.tracking.ReconciliationMetrics;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.VippsSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-MSN budget and concurrency hold whatever the ladder asks for: more payments due
 * than the budget allows get exactly the budget's calls in the minute, never more at once
 * than allowed, and the rest wait, counted in the backlog.
 */
@ExtendWith(KafkaTestEnvironment.class)
class BudgetsIT {

	private static final int BUDGET = 20;

	private static final int CONCURRENCY = 2;

	@TempDir
	Path temp;

	@Test
	void callsVippsWithinThePerMsnBudgetAndConcurrency(KafkaTestEnvironment.Environment kafka) {
		String[] topics = ReconciliationHarness.topics(kafka, "budgets", 2);
		try (VippsSimulator simulator = ReconciliationHarness.simulator(false).start();
				StandInServices services = new StandInServices(kafka, simulator, topics[0], topics[1]);
				ServiceUnderTest service = ReconciliationHarness.start(kafka, simulator, topics,
						"budgets-" + System.nanoTime(), this.temp.resolve("state"),
						"reconciliation.details.per-msn-calls-per-minute=" + BUDGET,
						"reconciliation.details.per-msn-concurrency=" + CONCURRENCY)) {
			// given: Vipps answers /details in 300 ms, and a dozen payments are due every
			// half second
			simulator.faults().latency(SimulatedOperation.DETAILS, Duration.ofMillis(300), Duration.ZERO);
			for (int i = 0; i < 12; i++) {
				services.payment(ReconciliationHarness.MSN, "budget-" + i).initiate(20000);
			}
			Instant started = Instant.now();

			// when: the budget is spent
			await().atMost(Duration.ofSeconds(60)).until(() -> serviceCalls(simulator).size() >= BUDGET);
			MeterRegistry meters = service.context().getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> meters.get(ReconciliationMetrics.BACKLOG).gauge().value() > 0);

			// then: nothing more within the minute, and never more than allowed at once
			await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
			List<RecordedExchange> calls = serviceCalls(simulator);
			assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMinutes(1));
			assertThat(calls).hasSize(BUDGET);
			assertThat(mostAtOnce(calls)).isBetween(1, CONCURRENCY);
			assertThat(meters.get(ReconciliationMetrics.OLDEST_OVERDUE).timeGauge().value()).isPositive();
		}
	}

	private static List<RecordedExchange> serviceCalls(VippsSimulator simulator) {
		return simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.DETAILS
					&& !StandInServices.PLUGIN_NAME.equals(exchange.requestHeader("Vipps-System-Plugin-Name")))
			.toList();
	}

	// The most calls whose [start, start + latency) overlap.
	private static int mostAtOnce(List<RecordedExchange> calls) {
		List<long[]> edges = new ArrayList<>();
		for (RecordedExchange call : calls) {
			long start = call.at().toEpochMilli();
			edges.add(new long[] { start, 1 });
			edges.add(new long[] { start + call.latency().toMillis(), -1 });
		}
		edges.sort(Comparator.<long[]>comparingLong((edge) -> edge[0]).thenComparingLong((edge) -> edge[1]));
		int now = 0;
		int most = 0;
		for (long[] edge : edges) {
			now += (int) edge[1];
			most = Math.max(most, now);
		}
		return most;
	}

}
