package com.example.payments.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.payments.kafka.NewEventTypes;
import com.example.payments.kafka.OutageRecords;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.serde.InvalidWireFormatException;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.testsupport.TopicRecords;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka Streams topology (exactly-once) under the shared setup: a registry outage is
 * waited out with every record processed exactly once and nothing dead-lettered; refused
 * credentials make the service not-ready until the registry accepts them again; poison
 * and application failures go to the dead-letter topic with their original bytes; event
 * types this build does not know are skipped and counted.
 */
@ExtendWith(KafkaTestEnvironment.class)
class RegistryFaultStreamsIT {

	private static final int RECORDS = 6;

	@TempDir
	Path temp;

	@Test
	void waitsOutARegistryOutageAndProcessesEveryRecordExactlyOnce(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		String input = "streams-outage.payments.events.v1";
		String output = "streams-outage.ids";
		kafka.broker().createTopics(2, input, Topics.deadLetterTopicOf(input), output);
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.temp.resolve("registry")).start()) {
			// given: records whose schema the application has never fetched, registry
			// down
			List<String> produced = OutageRecords.produceAcrossAnOutage(kafka, registry, input, RECORDS)
				.stream()
				.map(PaymentEvent::getEventId)
				.toList();

			StreamsApplication
				.runner(kafka.bootstrapServers(), registry.url(), input, output, this.temp.resolve("state"))
				.run((context) -> {
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					// when: the topology starts while the registry is down, it holds the
					// partitions
					await().atMost(Duration.ofSeconds(90))
						.until(() -> count(meters, ConsumerFailureMetrics.RETRIES, "topic", input, "failure",
								"transient") >= 2);
					assertThat(TopicRecords.count(kafka, output)).isZero();

					registry.start();

					// then: every record once, nothing dead-lettered
					List<String> committed = StreamsApplication.committedOutput(kafka, output, RECORDS);
					assertThat(committed).containsExactlyInAnyOrderElementsOf(produced);
					assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(input))).isZero();
					assertThat(count(meters, ConsumerFailureMetrics.DEAD_LETTERS)).isZero();
				});
		}
	}

	@Test
	void reportsNotReadyWhileTheRegistryRefusesItsCredentialsAndRecoversWhenTheyAreAcceptedAgain(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		String input = "streams-credentials.payments.events.v1";
		String output = "streams-credentials.ids";
		kafka.broker().createTopics(1, input, Topics.deadLetterTopicOf(input), output);
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.temp.resolve("registry"))) {
			// given: the registry's password was rotated; the producer has the new one
			registry.start("sr-user", "rotated");
			List<String> produced = OutageRecords
				.produce(kafka, registry, input, RECORDS,
						Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:rotated"))
				.stream()
				.map(PaymentEvent::getEventId)
				.toList();

			StreamsApplication
				.runner(kafka.bootstrapServers(), registry.url(), input, output, this.temp.resolve("state"))
				.withPropertyValues("spring.kafka.properties[basic.auth.credentials.source]=USER_INFO",
						"spring.kafka.properties[basic.auth.user.info]=sr-user:original")
				.run((context) -> {
					ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
					AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					// when: the topology still has the old password
					await().atMost(Duration.ofSeconds(90))
						.until(() -> count(meters, ConsumerFailureMetrics.RETRIES, "topic", input, "failure",
								"configuration") >= 2);
					assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);

					// then: once the registry accepts its credentials again
					registry.stop();
					registry.start("sr-user", "original");

					assertThat(StreamsApplication.committedOutput(kafka, output, RECORDS))
						.containsExactlyElementsOf(produced);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
					assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(input))).isZero();
				});
		}
	}

	@Test
	void deadLettersPoisonAndFailuresWithTheirOriginalBytesAndSkipsUnknownEventTypes(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		// given: on one partition a good event, garbage, an event of a new type, an
		// event the topology fails on, and another good event
		String input = "streams-poison.payments.events.v1";
		String output = "streams-poison.ids";
		String deadLetters = Topics.deadLetterTopicOf(input);
		kafka.broker().createTopics(1, input, deadLetters, output);
		String orderId = PaymentCommandFixtures.anyOrderId();
		String key = PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString();
		PaymentEvent first = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 20_000,
				"5001440001");
		PaymentEvent rejected = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId,
				StreamsApplication.REJECTED_AMOUNT, "5001440002");
		PaymentEvent last = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 30_000,
				"5001440003");
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		byte[] rejectedBytes;
		try (KafkaAvroSerializer<PaymentEvent> serializer = new KafkaAvroSerializer<>()) {
			serializer.configure(Map.of("schema.registry.url", kafka.schemaRegistryUrl()), false);
			rejectedBytes = serializer.serialize(input, rejected);
		}
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties());
				KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(input, key, first)).get();
			raw.send(new ProducerRecord<>(input, key, garbage)).get();
			producer.send(new ProducerRecord<>(input, key, NewEventTypes.aDispute(PaymentCommandFixtures.MSN, orderId)))
				.get();
			raw.send(new ProducerRecord<>(input, key, rejectedBytes)).get();
			producer.send(new ProducerRecord<>(input, key, last)).get();
		}

		// when
		StreamsApplication
			.runner(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), input, output, this.temp.resolve("state"))
			.run((context) -> {
				// then
				List<String> committed = StreamsApplication.committedOutput(kafka, output, 2);
				assertThat(committed).containsExactly(first.getEventId(), last.getEventId());
				List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.read(kafka, deadLetters, 2);
				assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, rejectedBytes);
				assertThat(dead).allSatisfy((deadLetter) -> {
					assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(key);
					assertThat(deadLetter.partition()).isZero();
					assertThat(TopicRecords.header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(input);
				});
				assertThat(TopicRecords.header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
					.contains(InvalidWireFormatException.class.getName());
				assertThat(TopicRecords.header(dead.get(1), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
					.contains("the topology cannot handle order " + orderId);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> count(meters, UnknownEventTypes.METRIC, "topic", input, "type",
							NewEventTypes.DISPUTED) == 1);
			});
	}

	private static double count(MeterRegistry meters, String metric, String... tags) {
		return meters.find(metric).tags(tags).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
