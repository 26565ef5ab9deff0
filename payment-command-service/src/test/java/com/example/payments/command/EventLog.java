package com.example.payments.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.example.payments.testsupport.KafkaTestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from its start on a thread of its own and keeps every record, as a
 * downstream consumer (fulfilment) would see them; read_committed, like every consumer of
 * ours.
 *
 * @param <V> the value type
 */
final class EventLog<V> implements AutoCloseable {

	/** How long a test waits for something to be published. */
	static final Duration PATIENCE = Duration.ofSeconds(60);

	private final KafkaConsumer<String, Object> consumer;

	private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean closed;

	private EventLog(KafkaTestEnvironment.Environment kafka, String topic, Map<String, Object> extra) {
		Map<String, Object> properties = kafka.avroConsumerProperties("log-" + topic + "-" + System.nanoTime());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.putAll(extra);
		this.consumer = new KafkaConsumer<>(properties);
		this.consumer.subscribe(List.of(topic));
		this.thread = new Thread(this::poll, "event-log-" + topic);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Any records of a topic, values as Avro reads them (or raw bytes for a DLT).
	 * @param <V> the value type
	 * @param kafka the environment
	 * @param topic the topic
	 * @param extra consumer properties replacing the defaults (e.g. deserializers)
	 * @return the log, reading
	 */
	static <V> EventLog<V> of(KafkaTestEnvironment.Environment kafka, String topic, Map<String, Object> extra) {
		return new EventLog<>(kafka, topic, extra);
	}

	List<ConsumerRecord<String, V>> records() {
		return List.copyOf(this.records);
	}

	List<V> values() {
		return this.records.stream().map(ConsumerRecord::value).toList();
	}

	/**
	 * Wait until a record matches.
	 * @param test the condition
	 * @return the first match
	 */
	ConsumerRecord<String, V> awaitRecord(Predicate<ConsumerRecord<String, V>> test) {
		return await().atMost(PATIENCE)
			.until(() -> this.records.stream().filter(test).findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Wait until at least {@code count} records match.
	 * @param count how many
	 * @param test the condition
	 * @return the matches, in topic order
	 */
	List<ConsumerRecord<String, V>> awaitRecords(int count, Predicate<ConsumerRecord<String, V>> test) {
		return await().atMost(PATIENCE)
			.until(() -> this.records.stream().filter(test).toList(), (matches) -> matches.size() >= count);
	}

	@SuppressWarnings("unchecked")
	private void poll() {
		try {
			while (!this.closed) {
				for (ConsumerRecord<String, Object> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.records.add((ConsumerRecord<String, V>) (ConsumerRecord<String, ?>) record);
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.consumer.wakeup();
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
