package com.example.payments.reconciliation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.payments.facts.SimulatorTruth;
import com.example.payments.reconciliation.StandInServices.Payment;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new instance with the same application id and an empty state directory restores the
 * tracked payments and their scheduled checks from the changelog, and checks them on: the
 * users who approved while no instance ran are found, none is lost. Eight days later,
 * when Vipps shows {@code [Expired]} in place of personal data, what is published carries
 * none of it.
 */
@ExtendWith(KafkaTestEnvironment.class)
class RestartIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path temp;

	@Test
	void restoresEveryScheduledCheckFromTheChangelogAndPublishesNoExpiredPersonalData(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		String[] topics = ReconciliationHarness.topics(kafka, "restart", 2);
		String applicationId = "restart-" + System.nanoTime();
		try (VippsSimulator simulator = ReconciliationHarness.simulator(false).start();
				StandInServices services = new StandInServices(kafka, simulator, topics[0], topics[1]);
				PublishedEvents events = new PublishedEvents(kafka, topics[0])) {
			simulator.faults().callbacks().dropRate(1.0);
			List<Payment> regular = List.of(services.payment(ReconciliationHarness.MSN, "restart-1").initiate(20000),
					services.payment(ReconciliationHarness.MSN, "restart-2").initiate(30000),
					services.payment(ReconciliationHarness.MSN, "restart-3").initiate(40000));
			Payment express = services.payment(ReconciliationHarness.MSN, "restart-4").initiateExpress(20000);

			// given: the first instance tracks them and has checked each
			try (ServiceUnderTest first = ReconciliationHarness.start(kafka, simulator, topics, applicationId,
					this.temp.resolve("first"))) {
				for (Payment payment : List.of(regular.get(0), regular.get(1), regular.get(2), express)) {
					await().atMost(WAIT).until(() -> serviceChecks(simulator, payment) >= 1);
				}
				assertThat(query(first.port(), regular.get(0))).contains("\"state\":\"INITIATED\"");
			}
			assertThat(uncommitted(kafka, applicationId, topics)).as("the first instance read and committed everything")
				.isZero();
			// when: the users approve while no instance runs, and a week passes
			regular.forEach(Payment::approve);
			express.approveExpress();
			simulator.advanceClock(Duration.ofDays(8));
			long checksBefore = serviceChecks(simulator, regular.get(0));

			try (ServiceUnderTest second = ReconciliationHarness.start(kafka, simulator, topics, applicationId,
					this.temp.resolve("second"))) {
				// then: the restored schedule finds every reservation
				for (Payment payment : regular) {
					List<String> expected = SimulatorTruth
						.facts(simulator.payment(payment.msn(), payment.orderId()).orElseThrow(), false, false);
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(SimulatorTruth.held(events.of(payment.key())))
							.containsExactlyInAnyOrderElementsOf(expected));
				}
				// the express shipping without its expired address, no expired profile
				List<String> expressFacts = SimulatorTruth
					.facts(simulator.payment(express.msn(), express.orderId()).orElseThrow(), false, false)
					.stream()
					.filter((fact) -> !fact.startsWith("user "))
					.toList();
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(SimulatorTruth.held(events.of(express.key())))
						.containsExactlyInAnyOrderElementsOf(expressFacts));
				assertThat(events.of(express.key())).noneMatch((event) -> event.getEvent() instanceof UserDetailsShared)
					.filteredOn((event) -> event.getEvent() instanceof ShippingSelected)
					.singleElement()
					.satisfies(
							(event) -> assertThat(((ShippingSelected) event.getEvent()).getDeliveryAddress()).isNull());
				assertThat(events.all()).noneMatch((event) -> event.toString().contains("[Expired]"));
				// the second instance's state came from the first one's changelog:
				// it holds the initiation it never read from the topics
				assertThat(query(second.port(), regular.get(0))).contains("\"type\":\"INITIATED\"");
				assertThat(serviceChecks(simulator, regular.get(0))).isGreaterThan(checksBefore);
			}
		}
	}

	private static long serviceChecks(VippsSimulator simulator, Payment payment) {
		return simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.DETAILS
					&& payment.orderId().equals(exchange.orderId())
					&& !StandInServices.PLUGIN_NAME.equals(exchange.requestHeader("Vipps-System-Plugin-Name")))
			.count();
	}

	private static String query(int port, Payment payment) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create("http://localhost:" + port + "/payments/" + payment.msn() + "/" + payment.orderId()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	// Records of the topics the group has not committed yet.
	private static long uncommitted(KafkaTestEnvironment.Environment kafka, String group, String[] topics)
			throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			for (String topic : topics) {
				for (int partition = 0; partition < 2; partition++) {
					ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
				}
			}
			long behind = 0;
			for (var end : admin.listOffsets(ends).all().get().entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				behind += end.getValue().offset() - ((at != null) ? at.offset() : 0);
			}
			return behind;
		}
	}

}
