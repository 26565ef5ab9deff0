package com.example.payments.ingest.shipping;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.example.payments.ingest.shipping.domain.ShippingRulesStore;
import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.shipping.ExpressShippingRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Keeps {@link ShippingRulesStore} equal to the compacted topic of shipping rules. Every
 * instance reads every partition from the beginning (assigned, no consumer group, no
 * commits): Vipps may send a payment's shipping-details call to any instance. The health
 * component {@code shippingRules} (in the readiness group) is DOWN until the consumer has
 * reached the end offsets it found at start, so no instance answers from a half-loaded
 * store; partitions added later are picked up and read from their beginning.
 * <p>
 * Failures follow the shared consumer rules of {@code kafka-service-support}: a registry
 * outage or a configuration fault waits on the same record (with the configured back-off;
 * a configuration fault also makes the service not-ready), counted in
 * {@code payments.consumer.retries}. A record that can never be read is skipped, logged
 * at error level with its offset and counted in {@code ingest.shipping.rules.unreadable},
 * not dead-lettered: every instance reads every record at every start, so each would
 * write the same dead letter again and again, and the record stays on the source topic
 * for people to inspect. Its payment is answered with the default options.
 */
public final class ShippingRulesConsumer implements SmartLifecycle, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(ShippingRulesConsumer.class);

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private static final Duration PARTITION_CHECK_INTERVAL = Duration.ofMinutes(1);

	private static final Duration RESTART_WAIT = Duration.ofSeconds(5);

	/** Payments in the store from which {@link #promoteStore()} pays off. */
	private static final int PROMOTE_AFTER_CATCH_UP = 100_000;

	private final ConsumerFactory consumers;

	private final String topic;

	private final ShippingRulesStore store;

	private final RecordFailurePolicy policy;

	private final ConfigurationFaultReadiness readiness;

	private final ConsumerFailureMetrics failureMetrics;

	private final Counter unreadable;

	private volatile Consumer<String, Object> consumer;

	private volatile Thread thread;

	private volatile CountDownLatch stopping = new CountDownLatch(1);

	private volatile Map<TopicPartition, Long> catchUpTargets;

	private volatile boolean caughtUp;

	private volatile String progress = "not started";

	/**
	 * A consumer of the shipping-rules topic.
	 * @param consumers makes the Kafka consumer (no group, Avro values as generated
	 * classes)
	 * @param topic the compacted topic
	 * @param store the store it fills
	 * @param policy classifies failures
	 * @param readiness reports configuration faults
	 * @param failureMetrics counts waits
	 * @param meters the registry
	 */
	public ShippingRulesConsumer(ConsumerFactory consumers, String topic, ShippingRulesStore store,
			RecordFailurePolicy policy, ConfigurationFaultReadiness readiness, ConsumerFailureMetrics failureMetrics,
			MeterRegistry meters) {
		this.consumers = consumers;
		this.topic = topic;
		this.store = store;
		this.policy = policy;
		this.readiness = readiness;
		this.failureMetrics = failureMetrics;
		this.unreadable = Counter.builder("ingest.shipping.rules.unreadable")
			.description("Shipping-rules records that can never be read, skipped")
			.tag("topic", topic)
			.register(meters);
		meters.gauge("ingest.shipping.rules.payments", store, ShippingRulesStore::payments);
		meters.gauge("ingest.shipping.rules.distinct", store, ShippingRulesStore::distinctRuleSets);
	}

	@Override
	public Health health() {
		Health.Builder health = this.caughtUp ? Health.up() : Health.down();
		return health.withDetail("topic", this.topic)
			.withDetail("payments", this.store.payments())
			.withDetail("distinctRuleSets", this.store.distinctRuleSets())
			.withDetail("progress", this.progress)
			.build();
	}

	/**
	 * Whether the store has caught up with the topic as it was at start.
	 * @return {@code true} once every partition reached its end offset of then
	 */
	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	@Override
	public void start() {
		this.stopping = new CountDownLatch(1);
		Thread reader = new Thread(this::run, "ingest-shipping-rules");
		reader.setDaemon(true);
		this.thread = reader;
		reader.start();
	}

	@Override
	public void stop() {
		Thread reader = this.thread;
		this.thread = null;
		Consumer<String, Object> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		this.stopping.countDown();
		if (reader != null) {
			try {
				reader.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		while (this.thread != null) {
			try {
				readTopic();
			}
			catch (WakeupException ex) {
				// stop() asked for it.
				return;
			}
			catch (RuntimeException ex) {
				if (this.thread == null) {
					return;
				}
				this.progress = "failed, starting again: " + ex.getMessage();
				logger.error("Reading shipping rules from {} failed; starting again from the beginning in {} ms",
						this.topic, RESTART_WAIT.toMillis(), ex);
				if (pause(RESTART_WAIT.toMillis())) {
					return;
				}
			}
		}
	}

	private void readTopic() {
		try (Consumer<String, Object> kafka = this.consumers.create()) {
			this.consumer = kafka;
			if (this.thread == null) {
				return;
			}
			Instant started = Instant.now();
			Set<TopicPartition> assigned = assignAll(kafka, Set.of());
			this.catchUpTargets = kafka.endOffsets(assigned);
			Instant nextPartitionCheck = Instant.now().plus(PARTITION_CHECK_INTERVAL);
			BackOffExecution backOff = null;
			while (this.thread != null) {
				try {
					ConsumerRecords<String, Object> records = kafka.poll(POLL_TIMEOUT);
					for (ConsumerRecord<String, Object> record : records) {
						apply(record);
					}
					backOff = null;
					this.readiness.recovered(Thread.currentThread().getName());
				}
				catch (RecordDeserializationException failure) {
					backOff = failed(kafka, failure, backOff);
				}
				checkCaughtUp(kafka, started);
				if (Instant.now().isAfter(nextPartitionCheck)) {
					assigned = assignAll(kafka, assigned);
					nextPartitionCheck = Instant.now().plus(PARTITION_CHECK_INTERVAL);
				}
			}
		}
		finally {
			this.consumer = null;
		}
	}

	private Set<TopicPartition> assignAll(Consumer<String, Object> kafka, Set<TopicPartition> assigned) {
		List<PartitionInfo> infos = kafka.partitionsFor(this.topic, Duration.ofSeconds(30));
		Set<TopicPartition> all = infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.collect(Collectors.toSet());
		if (all.isEmpty()) {
			throw new IllegalStateException("topic " + this.topic + " does not exist or has no partitions");
		}
		if (!all.equals(assigned)) {
			List<TopicPartition> added = new ArrayList<>(all);
			added.removeAll(assigned);
			kafka.assign(all);
			kafka.seekToBeginning(added);
			logger.info("Reading shipping rules from {} partitions of {} (new: {})", all.size(), this.topic,
					added.size());
		}
		return all;
	}

	private void checkCaughtUp(Consumer<String, Object> kafka, Instant started) {
		if (this.caughtUp) {
			return;
		}
		Map<TopicPartition, Long> behind = new HashMap<>();
		this.catchUpTargets.forEach((partition, end) -> {
			long position = kafka.position(partition);
			if (position < end) {
				behind.put(partition, end - position);
			}
		});
		if (behind.isEmpty()) {
			promoteStore();
			this.caughtUp = true;
			this.progress = "caught up";
			logger.info("Shipping rules caught up with {}: {} payments, {} distinct rule sets, in {} ms", this.topic,
					this.store.payments(), this.store.distinctRuleSets(),
					Duration.between(started, Instant.now()).toMillis());
		}
		else {
			this.progress = behind.values().stream().mapToLong(Long::longValue).sum() + " records behind the end "
					+ "offsets found at start";
		}
	}

	/**
	 * One full collection, before readiness goes up, when the catch-up filled the store
	 * with many payments' rules. Those objects are young when the store is caught up;
	 * left alone, the next young collections would copy them through the survivor spaces
	 * while calls are being answered (100-400 ms pauses with two million payments on two
	 * cores, measured by {@code bin/bench shipping}), where one full collection now, with
	 * no traffic yet, moves them to the old generation at once. With few payments those
	 * copies are short, and the collection is skipped.
	 */
	private void promoteStore() {
		if (this.store.payments() >= PROMOTE_AFTER_CATCH_UP) {
			long started = System.nanoTime();
			System.gc();
			logger.info("Collected garbage after the catch-up, before taking calls, in {} ms",
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	private void apply(ConsumerRecord<String, Object> record) {
		PaymentKey payment;
		try {
			payment = PaymentKey.parse(record.key());
		}
		catch (IllegalArgumentException ex) {
			skip(record.partition(), record.offset(), "its key is not a payment key: " + ex.getMessage());
			return;
		}
		if (record.value() == null) {
			this.store.remove(payment.merchantSerialNumber(), payment.orderId());
			return;
		}
		if (!(record.value() instanceof ExpressShippingRules rules)) {
			skip(record.partition(), record.offset(),
					"its value is a " + record.value().getClass().getName() + ", not ExpressShippingRules");
			return;
		}
		try {
			this.store.put(payment.merchantSerialNumber(), payment.orderId(), ShippingRulesRecords.toRules(rules));
		}
		catch (IllegalArgumentException ex) {
			skip(record.partition(), record.offset(), "its rules are invalid: " + ex.getMessage());
		}
	}

	private BackOffExecution failed(Consumer<String, Object> kafka, RecordDeserializationException failure,
			BackOffExecution backOff) {
		RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
		TopicPartition partition = failure.topicPartition();
		if (!verdict.waits()) {
			skip(partition.partition(), failure.offset(), "it cannot be deserialized: " + failure.getMessage());
			kafka.seek(partition, failure.offset() + 1);
			return null;
		}
		if (verdict == RecordFailurePolicy.Verdict.CONFIGURATION) {
			this.readiness.failing(Thread.currentThread().getName(), failure);
		}
		this.failureMetrics.retried(partition.topic(), verdict);
		BackOffExecution execution = (backOff != null) ? backOff : this.policy.backOff(failure).start();
		long wait = execution.nextBackOff();
		logger.warn("Shipping rules at {}-{} offset {} cannot be read yet ({}), trying again in {} ms: {}",
				partition.topic(), partition.partition(), failure.offset(), verdict, wait, failure.getMessage());
		kafka.seek(partition, failure.offset());
		if (pause(wait)) {
			throw new WakeupException();
		}
		return execution;
	}

	/**
	 * Wait, unless the consumer is stopped meanwhile.
	 * @param millis how long
	 * @return {@code true} when stopped
	 */
	private boolean pause(long millis) {
		try {
			return this.stopping.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	private void skip(int partition, long offset, String why) {
		this.unreadable.increment();
		logger.error("Skipped the shipping-rules record at {}-{} offset {}: {}; its payment gets the default options",
				this.topic, partition, offset, why);
	}

	/**
	 * Makes the Kafka consumer: no group, manual assignment, Avro values read into the
	 * generated classes.
	 */
	@FunctionalInterface
	public interface ConsumerFactory {

		/**
		 * A new consumer.
		 * @return the consumer
		 */
		Consumer<String, Object> create();

	}

}
