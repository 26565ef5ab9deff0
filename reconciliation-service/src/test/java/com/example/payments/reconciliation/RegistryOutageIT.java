package com.example.payments.reconciliation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.payments.facts.SimulatorTruth;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.reconciliation.StandInServices.Payment;
import com.example.payments.reconciliation.tracking.ReconciliationMetrics;
import com.example.payments.schema.Topics;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.testsupport.TopicRecords;
import com.example.payments.vipps.simulator.VippsSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service starts while the schema registry is down, with payments on its topics whose
 * schemas it has never fetched: it waits (the shared Streams handling holds the
 * partitions), and once the registry is back it tracks and reconciles every payment.
 * Nothing is lost and nothing but a genuinely unreadable record goes to the dead-letter
 * topic.
 */
@ExtendWith(KafkaTestEnvironment.class)
class RegistryOutageIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	@Test
	void waitsOutARegistryOutageAndLosesAndDeadLettersNothing(KafkaTestEnvironment.Environment kafka) throws Exception {
		String[] topics = ReconciliationHarness.topics(kafka, "registry-outage", 2);
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.temp.resolve("registry")).start();
				VippsSimulator simulator = ReconciliationHarness.simulator(false).start();
				StandInServices services = new StandInServices(kafka, registry.url(), simulator, topics[0],
						topics[1])) {
			// given: payments the users approved, their callbacks lost, and one record
			// that no one can read
			simulator.faults().callbacks().dropRate(1.0);
			List<Payment> payments = List.of(
					services.payment(ReconciliationHarness.MSN, "outage-1").initiate(20000).approve(),
					services.payment(ReconciliationHarness.MSN, "outage-2").initiate(30000).approve(),
					services.payment(ReconciliationHarness.MSN, "outage-3").initiateExpress(40000).approveExpress());
			try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
					new ByteArraySerializer())) {
				raw.send(new ProducerRecord<>(topics[0], payments.get(0).key().asString(), garbage)).get();
			}
			registry.stop();

			// when: the service starts while the registry is down
			try (ServiceUnderTest service = ReconciliationHarness.start(kafka, simulator, topics,
					"registry-outage-" + System.nanoTime(), this.temp.resolve("state"),
					"spring.kafka.properties.schema.registry.url=" + registry.url())) {
				MeterRegistry meters = service.context().getBean(MeterRegistry.class);
				await().atMost(WAIT)
					.until(() -> meters.find(ConsumerFailureMetrics.RETRIES)
						.tag("failure", "transient")
						.counters()
						.stream()
						.mapToDouble((counter) -> counter.count())
						.sum() >= 2);
				assertThat(meters.find(ReconciliationMetrics.CHECKS).counters()).as("nothing tracked yet").isEmpty();
				registry.start();
				PublishedEvents events = new PublishedEvents(kafka, registry.url(), topics[0]);
				// (a reader of the events, started once they can be read)

				// then: every payment is reconciled, and only the garbage is
				// dead-lettered
				for (Payment payment : payments) {
					List<String> expected = SimulatorTruth
						.facts(simulator.payment(payment.msn(), payment.orderId()).orElseThrow(), false, false);
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(SimulatorTruth.held(events.of(payment.key())))
							.containsExactlyInAnyOrderElementsOf(expected));
				}
				assertThat(TopicRecords.read(kafka, Topics.deadLetterTopicOf(topics[0]), 1)).singleElement()
					.satisfies((deadLetter) -> assertThat(deadLetter.value()).isEqualTo(garbage));
				assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(topics[1]))).isZero();
				events.close();
			}
		}
	}

}
