package com.example.payments.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads what a topic holds, as raw bytes, for assertions.
 */
public final class TopicRecords {

	private TopicRecords() {
	}

	/**
	 * Read until a topic has given up the expected number of records.
	 * @param kafka the environment
	 * @param topic the topic
	 * @param expected how many records to wait for
	 * @return the records, in partition order
	 */
	public static List<ConsumerRecord<byte[], byte[]>> read(KafkaTestEnvironment.Environment kafka, String topic,
			int expected) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, Map.of())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				assertThat(records).hasSize(expected);
			});
		}
		return records;
	}

	/**
	 * Count the records of a topic (its end offsets), e.g. to show a dead-letter topic is
	 * empty.
	 * @param kafka the environment
	 * @param topic the topic
	 * @return the number of records ever written (the sum of its end offsets)
	 */
	public static long count(KafkaTestEnvironment.Environment kafka, String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, Map.of())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * A raw consumer of the environment's broker.
	 * @param kafka the environment
	 * @param extra more properties, e.g. the isolation level
	 * @return the consumer
	 */
	public static KafkaConsumer<byte[], byte[]> consumer(KafkaTestEnvironment.Environment kafka,
			Map<String, Object> extra) {
		Map<String, Object> props = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
		props.putAll(extra);
		return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * The value of a record's last header of a name, as text.
	 * @param record the record
	 * @param name the header name
	 * @return the value
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
