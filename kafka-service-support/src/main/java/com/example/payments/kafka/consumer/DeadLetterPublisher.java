package com.example.payments.kafka.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a record that can never be processed to {@code <topic>.dlt}
 * ({@link Topics#deadLetterTopicOf}), on the same partition, with the record's
 * <em>original</em> key and value bytes and headers, plus spring-kafka's
 * {@code kafka_dlt-*} headers: original topic, partition, offset, timestamp, consumer
 * group, exception class, message and stack trace.
 *
 * <p>
 * The original bytes are read back from the broker at the record's offset, so a record
 * whose value was deserialized (and then failed in the listener) is dead-lettered as it
 * was written, not as this consumer would write it again. Poison is rare; one short-lived
 * consumer per dead letter is cheap. The template must write {@code byte[]} keys and
 * values.
 */
public class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

	/**
	 * Set on a dead letter whose original record was gone from the broker: it carries
	 * only the bytes the deserializer could not read, if any.
	 */
	public static final String ORIGINAL_MISSING_HEADER = "payments_dlt-original-missing";

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> fetchConfig;

	/**
	 * Create the publisher.
	 * @param template a template with {@code ByteArraySerializer} for keys and values
	 * @param consumerConfig the consuming side's client configuration (bootstrap servers,
	 * security), used to read the original bytes back
	 */
	public DeadLetterPublisher(KafkaOperations<byte[], byte[]> template, Map<String, Object> consumerConfig) {
		super(template,
				(record, ex) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), record.partition()));
		this.fetchConfig = fetchConfig(consumerConfig);
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
		ConsumerRecord<byte[], byte[]> original = original(record);
		if (original == null) {
			// Compacted away or expired while we retried: keep what the deserializer
			// saved (spring-kafka passes the bytes that failed), and say what is missing.
			headers.add(ORIGINAL_MISSING_HEADER, new byte[] { 1 });
			return new ProducerRecord<>(topicPartition.topic(), topicPartition.partition(),
					(record.timestamp() >= 0) ? record.timestamp() : null, key, value, headers);
		}
		return new ProducerRecord<>(topicPartition.topic(), topicPartition.partition(), original.timestamp(),
				original.key(), original.value(), headers);
	}

	private ConsumerRecord<byte[], byte[]> original(ConsumerRecord<?, ?> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.fetchConfig, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seek(partition, record.offset());
			long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> candidate : consumer.poll(Duration.ofMillis(500))
					.records(partition)) {
					if (candidate.offset() == record.offset()) {
						return candidate;
					}
					if (candidate.offset() > record.offset()) {
						this.logger.error(() -> gone(record));
						return null;
					}
				}
			}
		}
		throw new IllegalStateException("Cannot read the original bytes of " + record.topic() + "-" + record.partition()
				+ "@" + record.offset() + " within " + FETCH_TIMEOUT.toSeconds() + " s; it will be retried");
	}

	private static String gone(ConsumerRecord<?, ?> record) {
		return "The record " + record.topic() + "-" + record.partition() + "@" + record.offset()
				+ " is no longer on the broker (compacted or expired); it cannot be dead-lettered with its original bytes";
	}

	private static Map<String, Object> fetchConfig(Map<String, Object> consumerConfig) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		// An expired offset resets to the log start, after it: reported as gone.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return config;
	}

}
