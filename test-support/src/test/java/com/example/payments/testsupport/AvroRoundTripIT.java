package com.example.payments.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands and events travel through a real broker and registry with our serde and come
 * back equal, keyed by the payment identity, with their schemas registered under
 * Confluent's TopicNameStrategy subjects.
 */
@ExtendWith(KafkaTestEnvironment.class)
class AvroRoundTripIT {

	private static final String COMMANDS = "roundtrip.payments.commands.v1";

	private static final String EVENTS = "roundtrip.payments.events.v1";

	@Test
	void commandsAndEventsSurviveTheTripThroughKafkaAndTheRegistry(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		// given
		kafka.broker().createTopics(3, COMMANDS, EVENTS);
		String orderId = PaymentCommandFixtures.anyOrderId();
		PaymentCommand initiate = PaymentCommandFixtures.anInitiate().forOrder(orderId).build();
		PaymentCommand capture = PaymentCommandFixtures.aCapture().forOrder(orderId).amount(5_000).build();
		PaymentEvent reserved = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 20_000,
				"5001420062");
		String key = PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString();

		// when
		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(kafka.avroProducerProperties())) {
			producer.send(new ProducerRecord<>(COMMANDS, key, initiate)).get();
			producer.send(new ProducerRecord<>(COMMANDS, key, capture)).get();
			producer.send(new ProducerRecord<>(EVENTS, key, reserved)).get();
		}

		// then
		List<ConsumerRecord<String, Object>> received = consume(kafka, List.of(COMMANDS, EVENTS), 3);
		assertThat(received).extracting(ConsumerRecord::key).containsOnly(key);
		assertThat(received).filteredOn((record) -> record.topic().equals(COMMANDS))
			.extracting(ConsumerRecord::value)
			.containsExactly(initiate, capture);
		assertThat(received).filteredOn((record) -> record.topic().equals(EVENTS))
			.extracting(ConsumerRecord::value)
			.containsExactly(reserved);
		assertThat(received).extracting(ConsumerRecord::value)
			.hasAtLeastOneElementOfType(PaymentCommand.class)
			.hasAtLeastOneElementOfType(PaymentEvent.class);
		assertThat(kafka.registry().store().subjects()).contains(COMMANDS + "-value", EVENTS + "-value");
	}

	static List<ConsumerRecord<String, Object>> consume(KafkaTestEnvironment.Environment kafka, List<String> topics,
			int expected) {
		Map<String, Object> props = kafka.avroConsumerProperties("round-trip-" + System.nanoTime());
		List<ConsumerRecord<String, Object>> received = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
			consumer.subscribe(topics);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(received::add);
				assertThat(received).hasSize(expected);
			});
		}
		return received;
	}

}
