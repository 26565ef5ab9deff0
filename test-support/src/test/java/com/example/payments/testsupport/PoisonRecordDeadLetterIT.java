package com.example.payments.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.serde.InvalidWireFormatException;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.serde.UnknownSchemaIdException;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that is not in our wire format, or names a schema the registry does not know,
 * is reported, not fatal: the consumer, with our deserializer wrapped in spring-kafka's
 * {@link ErrorHandlingDeserializer}, sends it to the dead-letter topic with the reason,
 * keeps its original bytes, and goes on with the records behind it on the same partition.
 */
@ExtendWith(KafkaTestEnvironment.class)
class PoisonRecordDeadLetterIT {

	private static final String EVENTS = "poison.payments.events.v1";

	private static final String DEAD_LETTERS = Topics.deadLetterTopicOf(EVENTS);

	@Test
	void corruptRecordGoesToTheDeadLetterTopicAndTheRecordsBehindItAreStillConsumed(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		// given: a good event, garbage, and another good event on one partition
		kafka.broker().createTopics(1, EVENTS, DEAD_LETTERS);
		String orderId = PaymentCommandFixtures.anyOrderId();
		String key = PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString();
		PaymentEvent first = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 20_000,
				"5001420062");
		PaymentEvent last = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 30_000,
				"5001420063");
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		// framed like ours, but with a schema id the registry never issued
		byte[] unknownSchema = { 0, 0x7f, 0x00, 0x00, 0x01, 0x02 };
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties());
				KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawProducerProperties(kafka),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(EVENTS, key, first)).get();
			raw.send(new ProducerRecord<>(EVENTS, key, garbage)).get();
			raw.send(new ProducerRecord<>(EVENTS, key, unknownSchema)).get();
			producer.send(new ProducerRecord<>(EVENTS, key, last)).get();
		}

		// when: a listener container consumes the topic the way the services do
		List<Object> consumed = new CopyOnWriteArrayList<>();
		ConcurrentMessageListenerContainer<String, Object> container = listenerContainer(kafka, consumed);
		container.start();
		try {
			// then
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumed).hasSize(2));
			assertThat(consumed).containsExactly(first, last);
			List<ConsumerRecord<byte[], byte[]>> deadLetters = read(kafka, DEAD_LETTERS, 2);
			assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(garbage, unknownSchema);
			assertThat(deadLetters).allSatisfy((deadLetter) -> {
				assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(key);
				assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(EVENTS);
			});
			// the reason: spring-kafka's DeserializationException wraps our serde's
			// exception
			assertThat(header(deadLetters.get(0), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
				.contains(InvalidWireFormatException.class.getName())
				.contains("unknown magic byte");
			assertThat(header(deadLetters.get(1), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
				.contains(UnknownSchemaIdException.class.getName());
		}
		finally {
			container.stop();
		}
	}

	private static ConcurrentMessageListenerContainer<String, Object> listenerContainer(
			KafkaTestEnvironment.Environment kafka, List<Object> consumed) {
		Map<String, Object> consumerProps = kafka.avroConsumerProperties("poison-" + System.nanoTime());
		consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
		consumerProps.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, KafkaAvroDeserializer.class);
		ContainerProperties containerProps = new ContainerProperties(EVENTS);
		containerProps.setMessageListener((MessageListener<String, Object>) (record) -> consumed.add(record.value()));
		ConcurrentMessageListenerContainer<String, Object> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumerProps), containerProps);
		// Keys are always the payment identity string; a poison value keeps its original
		// bytes.
		KafkaTemplate<String, byte[]> deadLetterTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				rawProducerProperties(kafka), new StringSerializer(), new ByteArraySerializer()));
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
				(record, ex) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), record.partition()));
		container.setCommonErrorHandler(new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0)));
		return container;
	}

	private static Map<String, Object> rawProducerProperties(KafkaTestEnvironment.Environment kafka) {
		return new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	private static List<ConsumerRecord<byte[], byte[]>> read(KafkaTestEnvironment.Environment kafka, String topic,
			int expected) {
		Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + System.nanoTime(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				assertThat(records).hasSize(expected);
			});
		}
		return records;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
