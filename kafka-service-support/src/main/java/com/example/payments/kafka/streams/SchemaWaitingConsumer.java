package com.example.payments.kafka.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.serde.FailureClass;
import com.example.payments.serde.WireFormat;
import com.example.payments.serde.registry.SchemaRegistryClient;
import com.example.payments.serde.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOffExecution;

/**
 * The main consumer of a Kafka Streams application, which holds back a partition while
 * the schema registry cannot give the writer schema of its next record.
 *
 * <p>
 * Kafka Streams cannot retry a record: a deserialization exception handler may only skip
 * it or stop the stream thread, and blocking the thread would outlast the transaction
 * timeout (exactly-once) and {@code max.poll.interval.ms}. So the wait happens before
 * Streams sees the record: after each poll, every record whose key or value is in the
 * registry's wire format has its schema fetched into the registry client the topology's
 * serdes share. When that fails transiently (or on a configuration fault), the
 * partition's records from that one on are withheld, the consumer seeks back to it and
 * pauses the partition for the back-off of {@link RecordFailurePolicy}, then tries again.
 * Streams processes, commits and punctuates its other partitions meanwhile; the held
 * partition's committed offset never passes the waiting record. Nothing is skipped or
 * dead-lettered; configuration faults make the service not-ready while they last.
 *
 * <p>
 * Pauses and resumes that Streams asks for are kept apart from the holds: a held
 * partition stays paused until its hold ends, and a partition Streams paused stays paused
 * after it. Holds end with the partition's revocation.
 */
public class SchemaWaitingConsumer extends KafkaConsumer<byte[], byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(SchemaWaitingConsumer.class);

	private final SchemaRegistryClient registry;

	private final RecordFailurePolicy policy;

	private final ConfigurationFaultReadiness readiness;

	private final ConsumerFailureMetrics metrics;

	private final Map<TopicPartition, Hold> holds = new HashMap<>();

	private final Set<TopicPartition> pausedByStreams = new HashSet<>();

	/**
	 * Create the consumer.
	 * @param config the consumer configuration Kafka Streams passes
	 * @param registry the registry client the topology's serdes use (its cache is what
	 * the wait fills)
	 * @param policy the back-off
	 * @param readiness told about configuration faults
	 * @param metrics where waits are counted
	 */
	public SchemaWaitingConsumer(Map<String, Object> config, SchemaRegistryClient registry, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {
		super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.registry = registry;
		this.policy = policy;
		this.readiness = readiness;
		this.metrics = metrics;
	}

	@Override
	public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
		resumeDueHolds();
		ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
		if (records.isEmpty()) {
			return records;
		}
		Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new LinkedHashMap<>();
		Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>(records.nextOffsets());
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<byte[], byte[]>> ready = new ArrayList<>();
			for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
				SchemaRegistryException unavailable = awaitedSchema(record);
				if (unavailable != null) {
					hold(partition, record, unavailable);
					nextOffsets.put(partition, new OffsetAndMetadata(record.offset(), record.leaderEpoch(), ""));
					break;
				}
				ready.add(record);
			}
			if (ready.size() == records.records(partition).size()) {
				release(partition);
			}
			if (!ready.isEmpty()) {
				kept.put(partition, ready);
			}
		}
		return new ConsumerRecords<>(kept, nextOffsets);
	}

	// The failure that makes this record wait, or null if its schemas are at hand (or it
	// is not in the wire format, or is poison: the deserializer and its handler decide).
	private SchemaRegistryException awaitedSchema(ConsumerRecord<byte[], byte[]> record) {
		SchemaRegistryException failure = awaitedSchema(record.topic(), record.key(), true);
		return (failure != null) ? failure : awaitedSchema(record.topic(), record.value(), false);
	}

	private SchemaRegistryException awaitedSchema(String topic, byte[] data, boolean isKey) {
		if (data == null || data.length < WireFormat.HEADER_LENGTH || data[0] != WireFormat.MAGIC_BYTE) {
			return null;
		}
		int id = WireFormat.schemaId(topic, data);
		try {
			this.registry.schemaById(id);
			return null;
		}
		catch (SchemaRegistryException ex) {
			FailureClass failureClass = FailureClass.of(ex).orElse(FailureClass.POISON);
			return (failureClass == FailureClass.POISON) ? null
					: ex.resolving(topic, topic + (isKey ? "-key" : "-value"));
		}
	}

	private void hold(TopicPartition partition, ConsumerRecord<byte[], byte[]> record,
			SchemaRegistryException failure) {
		Hold hold = this.holds.computeIfAbsent(partition, (ignored) -> new Hold(this.policy.backOff(failure).start()));
		long wait = hold.backOff.nextBackOff();
		hold.dueAt = System.nanoTime() + Duration.ofMillis(Math.max(wait, 0)).toNanos();
		super.seek(partition, new OffsetAndMetadata(record.offset(), record.leaderEpoch(), ""));
		super.pause(List.of(partition));
		RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
		this.metrics.retried(partition.topic(), verdict);
		if (verdict == RecordFailurePolicy.Verdict.CONFIGURATION) {
			this.readiness.failing(readinessKey(partition), failure);
		}
		else {
			logger.warn("Holding {} at offset {} for {} ms: {}", partition, record.offset(), wait,
					failure.getMessage());
		}
	}

	private void release(TopicPartition partition) {
		if (this.holds.remove(partition) != null) {
			logger.info("{} is no longer held: the registry served its schemas", partition);
			this.readiness.recovered(readinessKey(partition));
		}
	}

	private void resumeDueHolds() {
		long now = System.nanoTime();
		List<TopicPartition> due = new ArrayList<>();
		for (Map.Entry<TopicPartition, Hold> entry : this.holds.entrySet()) {
			Hold hold = entry.getValue();
			if (hold.dueAt != 0 && now - hold.dueAt >= 0) {
				hold.dueAt = 0;
				if (!this.pausedByStreams.contains(entry.getKey())) {
					due.add(entry.getKey());
				}
			}
		}
		if (!due.isEmpty()) {
			due.retainAll(assignment());
			super.resume(due);
		}
	}

	@Override
	public void pause(Collection<TopicPartition> partitions) {
		this.pausedByStreams.addAll(partitions);
		super.pause(partitions);
	}

	@Override
	public void resume(Collection<TopicPartition> partitions) {
		this.pausedByStreams.removeAll(partitions);
		List<TopicPartition> free = new ArrayList<>(partitions);
		free.removeIf((partition) -> isHeld(partition));
		super.resume(free);
	}

	@Override
	public Set<TopicPartition> paused() {
		Set<TopicPartition> paused = new HashSet<>(super.paused());
		paused.removeIf((partition) -> isHeld(partition) && !this.pausedByStreams.contains(partition));
		return paused;
	}

	// Held and not yet due: still paused by us.
	private boolean isHeld(TopicPartition partition) {
		Hold hold = this.holds.get(partition);
		return hold != null && hold.dueAt != 0;
	}

	@Override
	public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
		super.subscribe(topics, new DroppingHolds(listener));
	}

	@Override
	public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
		super.subscribe(pattern, new DroppingHolds(listener));
	}

	private String readinessKey(TopicPartition partition) {
		return Thread.currentThread().getName() + "/" + partition;
	}

	private void forget(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			this.pausedByStreams.remove(partition);
			if (this.holds.remove(partition) != null) {
				this.readiness.recovered(readinessKey(partition));
			}
		}
	}

	/** A held partition: when to try again, and how the wait grows. */
	private static final class Hold {

		private final BackOffExecution backOff;

		// System.nanoTime() at which to resume; 0 once resumed and waiting for records.
		private long dueAt;

		Hold(BackOffExecution backOff) {
			this.backOff = backOff;
		}

	}

	/** Streams' rebalance listener, after which the holds of lost partitions end. */
	private final class DroppingHolds implements ConsumerRebalanceListener {

		private final ConsumerRebalanceListener delegate;

		DroppingHolds(ConsumerRebalanceListener delegate) {
			this.delegate = delegate;
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			this.delegate.onPartitionsRevoked(partitions);
			forget(partitions);
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			this.delegate.onPartitionsAssigned(partitions);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			this.delegate.onPartitionsLost(partitions);
			forget(partitions);
		}

	}

}
