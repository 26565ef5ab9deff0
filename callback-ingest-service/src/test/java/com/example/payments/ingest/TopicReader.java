package com.example.payments.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.example.payments.testsupport.KafkaTestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything on a topic, read from its beginning by a consumer of the test's own (no
 * group): what a downstream consumer would see. Not thread-safe; one test thread uses it.
 *
 * @param <V> the value type
 */
final class TopicReader<V> implements AutoCloseable {

	private final KafkaConsumer<String, Object> consumer;

	private final List<TopicPartition> partitions;

	private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

	TopicReader(KafkaTestEnvironment.Environment kafka, String topic) {
		Map<String, Object> properties = kafka.avroConsumerProperties("unused");
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(properties);
		this.partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToBeginning(this.partitions);
	}

	/**
	 * Reads up to the topic's end offsets as they are now: after it, a record that is not
	 * in {@link #all()} was not on the topic when it was called.
	 * @return this reader
	 */
	@SuppressWarnings("unchecked")
	TopicReader<V> catchUp() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (ends.entrySet().stream().anyMatch((end) -> this.consumer.position(end.getKey()) < end.getValue())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("could not read " + this.partitions + " up to " + ends);
			}
			for (ConsumerRecord<String, Object> record : this.consumer.poll(Duration.ofMillis(100))) {
				this.records.add((ConsumerRecord<String, V>) (ConsumerRecord<String, ?>) record);
			}
		}
		return this;
	}

	List<ConsumerRecord<String, V>> all() {
		return List.copyOf(this.records);
	}

	/**
	 * The values read so far under a key, in order.
	 * @param key the record key
	 * @return the values
	 */
	List<V> valuesOf(String key) {
		return this.records.stream()
			.filter((record) -> key.equals(record.key()))
			.map(ConsumerRecord::value)
			.collect(Collectors.toList());
	}

	/**
	 * The values read so far that match.
	 * @param matching the condition
	 * @return the values
	 */
	List<V> values(Predicate<ConsumerRecord<String, V>> matching) {
		return this.records.stream().filter(matching).map(ConsumerRecord::value).collect(Collectors.toList());
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
