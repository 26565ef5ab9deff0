package com.example.payments.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.serde.InvalidWireFormatException;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.serde.UnknownSchemaIdException;
import com.example.payments.testsupport.KafkaTestEnvironment;
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

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that can never be processed go to {@code <topic>.dlt} on their partition, with
 * their original bytes, key and coordinates and the reason, through the setup every
 * service gets; the records behind them on the same partition are still consumed.
 */
@ExtendWith(KafkaTestEnvironment.class)
class PoisonRecordDeadLetterIT {

	@Test
	void unreadableRecordsAndRecordsTheApplicationRejectsGoToTheDeadLetterTopicWithTheirOriginalBytes(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		// given: on one partition a good event, garbage, a schema id the registry never
		// issued, an event the application rejects, and another good event
		String topic = "poison.payments.events.v1";
		String deadLetters = Topics.deadLetterTopicOf(topic);
		kafka.broker().createTopics(1, topic, deadLetters);
		String orderId = PaymentCommandFixtures.anyOrderId();
		String key = PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString();
		PaymentEvent first = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 20_000,
				"5001420062");
		PaymentEvent rejected = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 66_600,
				"5001420066");
		PaymentEvent last = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 30_000,
				"5001420063");
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		byte[] unknownSchema = { 0, 0x7f, 0x00, 0x00, 0x01, 0x02 };
		byte[] rejectedBytes;
		try (KafkaAvroSerializer<PaymentEvent> serializer = new KafkaAvroSerializer<>()) {
			serializer.configure(Map.of("schema.registry.url", kafka.schemaRegistryUrl()), false);
			rejectedBytes = serializer.serialize(topic, rejected);
		}
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties());
				KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, first)).get();
			raw.send(new ProducerRecord<>(topic, key, garbage)).get();
			raw.send(new ProducerRecord<>(topic, key, unknownSchema)).get();
			raw.send(new ProducerRecord<>(topic, key, rejectedBytes)).get();
			producer.send(new ProducerRecord<>(topic, key, last)).get();
		}

		// when: a service consumes the topic with the shared setup
		ListenerApplication.runner(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), topic).run((context) -> {
			ListenerApplication app = context.getBean(ListenerApplication.class);
			app.failing = rejected::equals;

			// then
			await().atMost(Duration.ofSeconds(60)).until(() -> app.consumed().size() == 2);
			assertThat(app.consumed()).containsExactly(first, last);
			// an application failure is retried (3 attempts by default) before it is
			// dead-lettered; poison is not retried
			assertThat(app.attempts).filteredOn(rejected::equals).hasSize(3);
			List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.read(kafka, deadLetters, 3);
			assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, unknownSchema, rejectedBytes);
			assertThat(dead).allSatisfy((deadLetter) -> {
				assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(key);
				assertThat(deadLetter.partition()).isZero();
				assertThat(TopicRecords.header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
			});
			assertThat(dead).extracting((deadLetter) -> offset(deadLetter)).containsExactly(1L, 2L, 3L);
			assertThat(TopicRecords.header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
				.contains(InvalidWireFormatException.class.getName())
				.contains("unknown magic byte");
			assertThat(TopicRecords.header(dead.get(1), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
				.contains(UnknownSchemaIdException.class.getName());
			assertThat(TopicRecords.header(dead.get(2), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
				.contains("the application cannot handle " + key);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(ListenerApplication.count(meters, ConsumerFailureMetrics.DEAD_LETTERS, "topic", topic, "failure",
					"poison"))
				.isEqualTo(2);
			assertThat(ListenerApplication.count(meters, ConsumerFailureMetrics.DEAD_LETTERS, "topic", topic, "failure",
					"unclassified"))
				.isEqualTo(1);
		});
	}

	private static long offset(ConsumerRecord<byte[], byte[]> deadLetter) {
		byte[] bytes = deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value();
		return java.nio.ByteBuffer.wrap(bytes).getLong();
	}

}
