package com.example.payments.command.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.DeadLetterPublisher;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.schema.Topics;
import com.example.payments.testsupport.KafkaTestEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link KeyOrderedConsumer} on a real broker, with a handler that takes a random while
 * per record and notes when each record of each key ran: two instances in one group with
 * a rebalance when the second joins, a graceful stop in the middle of the work and a
 * restart; never two records of one key at once, each key's records in order, every
 * record handled, none twice; back-pressure bounds the records held; a record that keeps
 * failing is dead-lettered and its key goes on.
 */
@ExtendWith(KafkaTestEnvironment.class)
class KeyOrderedConsumerIT {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private final List<Instance> instances = new ArrayList<>();

	private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);

	private final ExecutorService workers = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopAll() throws InterruptedException {
		for (Instance instance : this.instances) {
			instance.stop();
		}
		this.delays.shutdownNow();
		this.workers.shutdownNow();
	}

	@Test
	void keepsEachKeysOrderAcrossARebalanceAStopAndARestartHandlingEveryRecordOnce(
			KafkaTestEnvironment.Environment kafka) throws InterruptedException {
		String topic = newTopic(kafka, 4);
		Journal journal = new Journal();
		int keys = 40;
		int perKey = 60;
		produce(kafka, topic, keys, perKey);
		String group = topic + "-group";
		Instance first = start(kafka, topic, group, journal, 500);
		await().atMost(Duration.ofSeconds(60)).until(() -> journal.handled() > 300);
		Instance second = start(kafka, topic, group, journal, 500);
		// Stopped while records run: they finish, the rest go to the other instance.
		await().atMost(Duration.ofSeconds(60)).until(() -> journal.handled() > 900 && first.consumer.running() > 0);
		first.stop();
		await().atMost(Duration.ofSeconds(60)).until(() -> journal.handled() > 1500);
		second.stop();
		start(kafka, topic, group, journal, 500);
		await().atMost(Duration.ofSeconds(120)).until(() -> journal.handled() >= keys * perKey);
		journal.assertEachKeyInOrderNeverTwiceAtOnce(keys, perKey);
		assertThat(journal.duplicates()).as("records handled twice").isZero();
		assertThat(journal.instancesSeen()).as("instances that handled records").isEqualTo(3);
	}

	@Test
	void pausesItsPartitionsWhenTooManyRecordsAreUnfinished(KafkaTestEnvironment.Environment kafka) {
		String topic = newTopic(kafka, 2);
		Journal journal = new Journal();
		produce(kafka, topic, 200, 3);
		start(kafka, topic, topic + "-group", journal, 40);
		await().atMost(Duration.ofSeconds(60)).until(() -> journal.handled() >= 600);
		// Running at once: at most the limit plus one poll's records (max.poll.records =
		// 20 here); without the pause it would be one per key, up to 200.
		assertThat(journal.mostRunning()).isBetween(1, 40 + 20);
		journal.assertEachKeyInOrderNeverTwiceAtOnce(200, 3);
	}

	@Test
	void deadLettersARecordThatKeepsFailingAndGoesOnWithItsKey(KafkaTestEnvironment.Environment kafka) {
		String topic = newTopic(kafka, 1);
		kafka.broker().createTopics(1, Topics.deadLetterTopicOf(topic));
		Journal journal = new Journal();
		try (KafkaProducer<String, String> producer = producer(kafka)) {
			producer.send(new ProducerRecord<>(topic, "k", "k:0:fail"));
			producer.send(new ProducerRecord<>(topic, "k", "k:1:unprocessable"));
			producer.send(new ProducerRecord<>(topic, "k", "k:2"));
		}
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Instance instance = start(kafka, topic, topic + "-group", journal, 100, meters);
		await().atMost(Duration.ofSeconds(60)).until(() -> journal.handled() >= 1);
		assertThat(journal.attempts("k:0:fail")).isEqualTo(3);
		assertThat(journal.attempts("k:1:unprocessable")).isEqualTo(1);
		assertThat(meters.get(ConsumerFailureMetrics.DEAD_LETTERS).tag("failure", "unclassified").counter().count())
			.isEqualTo(1);
		assertThat(meters.get(ConsumerFailureMetrics.DEAD_LETTERS).tag("failure", "poison").counter().count())
			.isEqualTo(1);
		assertThat(instance.consumer.unfinished()).isZero();
	}

	private Instance start(KafkaTestEnvironment.Environment kafka, String topic, String group, Journal journal,
			int maxUnfinished) {
		return start(kafka, topic, group, journal, maxUnfinished, new SimpleMeterRegistry());
	}

	private Instance start(KafkaTestEnvironment.Environment kafka, String topic, String group, Journal journal,
			int maxUnfinished, SimpleMeterRegistry meters) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
		config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		DeadLetterPublisher deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				producerConfig, new ByteArraySerializer(), new ByteArraySerializer())), config);
		ConsumerFailures failures = new ConsumerFailures(
				new RecordFailurePolicy(
						new ConsumerErrorsProperties(Duration.ofMillis(100), 2.0, Duration.ofMillis(400), 3)),
				deadLetters, new UnknownEventTypes(meters), new ConfigurationFaultReadiness((event) -> {
				}), new ConsumerFailureMetrics(meters));
		int number = this.instances.size() + 1;
		KeyOrderedConsumer<String, String> consumer = new KeyOrderedConsumer<>(new KafkaConsumer<>(config),
				List.of(topic), new JournalingHandler(journal, number, this.delays), this.workers,
				new KeyOrderedConsumerSettings("test-" + number, Duration.ofMillis(50), maxUnfinished,
						Duration.ofMillis(100), Duration.ofSeconds(10)),
				failures);
		Thread thread = new Thread(consumer::run, "key-ordered-" + number);
		thread.start();
		Instance instance = new Instance(consumer, thread);
		this.instances.add(instance);
		return instance;
	}

	private static String newTopic(KafkaTestEnvironment.Environment kafka, int partitions) {
		String topic = "key-ordered-" + RUNS.incrementAndGet() + "-" + System.nanoTime();
		kafka.broker().createTopics(partitions, topic);
		return topic;
	}

	// Every record is on the broker when this returns, or the test fails here with the
	// producer's reason instead of waiting for records that never came.
	private static void produce(KafkaTestEnvironment.Environment kafka, String topic, int keys, int perKey) {
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		try (KafkaProducer<String, String> producer = producer(kafka)) {
			for (int seq = 0; seq < perKey; seq++) {
				for (int key = 0; key < keys; key++) {
					sends.add(producer.send(new ProducerRecord<>(topic, "key-" + key, "key-" + key + ":" + seq)));
				}
			}
		}
		assertThat(sends).allSatisfy((send) -> assertThat(send).succeedsWithin(Duration.ofSeconds(30)));
	}

	private static KafkaProducer<String, String> producer(KafkaTestEnvironment.Environment kafka) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

	/**
	 * One running consumer.
	 */
	private record Instance(KeyOrderedConsumer<String, String> consumer, Thread thread) {

		void stop() throws InterruptedException {
			if (this.thread.isAlive()) {
				assertThat(this.consumer.stop(Duration.ofSeconds(30))).as("stopped in time").isTrue();
			}
		}

	}

	/**
	 * Finishes each record after a random delay on another thread, as a call to Vipps
	 * would; fails records whose value says so.
	 */
	private record JournalingHandler(Journal journal, int instance,
			ScheduledExecutorService delays) implements RecordHandler<String, String> {

		@Override
		public CompletionStage<Void> handle(ConsumerRecord<String, String> record, HandBack handBack) {
			this.journal.started(record, this.instance);
			if (record.value().endsWith(":fail")) {
				return CompletableFuture.failedFuture(new IllegalStateException("failing on purpose"));
			}
			if (record.value().endsWith(":unprocessable")) {
				return CompletableFuture.failedFuture(new UnprocessableRecord("not what the topic carries"));
			}
			CompletableFuture<Void> done = new CompletableFuture<>();
			long delay = ThreadLocalRandomHolder.next(20);
			this.delays.schedule(() -> {
				this.journal.finished(record);
				done.complete(null);
			}, delay, TimeUnit.MILLISECONDS);
			return done;
		}

		@Override
		public void partitionsReleased(Collection<TopicPartition> partitions) {
		}

	}

	/**
	 * Random delays from a seeded source shared by the handlers.
	 */
	private static final class ThreadLocalRandomHolder {

		private static final Random RANDOM = new Random(11);

		static synchronized long next(int bound) {
			return RANDOM.nextInt(bound);
		}

	}

	/**
	 * When each record ran, by key; checked for overlaps and order.
	 */
	private static final class Journal {

		private final Map<String, List<Run>> runsByKey = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final Map<Integer, Boolean> instances = new ConcurrentHashMap<>();

		private final AtomicLong clock = new AtomicLong();

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostRunning = new AtomicInteger();

		void started(ConsumerRecord<String, String> record, int instance) {
			this.mostRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			this.instances.put(instance, true);
			this.attempts.computeIfAbsent(record.value(), (ignored) -> new AtomicInteger()).incrementAndGet();
			List<Run> runs = this.runsByKey.computeIfAbsent(record.key(), (ignored) -> new ArrayList<>());
			synchronized (runs) {
				runs.add(new Run(sequence(record.value()), this.clock.incrementAndGet(), instance, record.offset()));
			}
		}

		void finished(ConsumerRecord<String, String> record) {
			this.running.decrementAndGet();
			List<Run> runs = this.runsByKey.get(record.key());
			synchronized (runs) {
				for (Run run : runs) {
					if (run.sequence == sequence(record.value()) && run.end == 0) {
						run.end = this.clock.incrementAndGet();
						return;
					}
				}
			}
		}

		int mostRunning() {
			return this.mostRunning.get();
		}

		long handled() {
			return this.runsByKey.values().stream().mapToLong((runs) -> {
				synchronized (runs) {
					return runs.stream().filter((run) -> run.end > 0).map((run) -> run.sequence).distinct().count();
				}
			}).sum();
		}

		int attempts(String value) {
			AtomicInteger count = this.attempts.get(value);
			return (count != null) ? count.get() : 0;
		}

		long duplicates() {
			return this.attempts.values().stream().filter((count) -> count.get() > 1).count();
		}

		int instancesSeen() {
			return this.instances.size();
		}

		void assertEachKeyInOrderNeverTwiceAtOnce(int keys, int perKey) {
			assertThat(this.runsByKey).hasSize(keys);
			this.runsByKey.forEach((key, runs) -> {
				synchronized (runs) {
					for (int i = 1; i < runs.size(); i++) {
						Run previous = runs.get(i - 1);
						Run current = runs.get(i);
						assertThat(previous.end).as("%s: run %d ended before the next started", key, i - 1)
							.isPositive()
							.isLessThan(current.start);
						assertThat(current.sequence).as("%s: records in order: %s", key, runs)
							.isGreaterThanOrEqualTo(previous.sequence);
					}
					assertThat(runs.stream().map((run) -> run.sequence).distinct().count()).as("%s: every record", key)
						.isEqualTo(perKey);
				}
			});
		}

		private static int sequence(String value) {
			String[] parts = value.split(":");
			return Integer.parseInt(parts[1]);
		}

	}

	/**
	 * One run of one record.
	 */
	private static final class Run {

		private final int sequence;

		private final long start;

		private final int instance;

		private final long offset;

		private long end;

		Run(int sequence, long start, int instance, long offset) {
			this.sequence = sequence;
			this.start = start;
			this.instance = instance;
			this.offset = offset;
		}

		@Override
		public String toString() {
			return this.sequence + "@" + this.offset + "/i" + this.instance + "[" + this.start + "-" + this.end + "]";
		}

	}

}
