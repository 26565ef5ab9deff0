package com.example.payments.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.kafka.NewEventTypes;
import com.example.payments.kafka.OutageRecords;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.testsupport.TopicRecords;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain {@link KafkaConsumer} (as a service with its own concurrency would run one)
 * uses the shared parts directly: {@link RecordFailurePolicy} decides, a registry outage
 * is waited out with the partition paused, poison goes through
 * {@link DeadLetterPublisher} (which reads the original bytes back by offset), and
 * {@link UnknownEventTypes} skips a new event type. Every readable record is consumed
 * exactly once.
 */
@ExtendWith(KafkaTestEnvironment.class)
class PlainConsumerIT {

	private static final int RECORDS = 4;

	@TempDir
	Path journal;

	@Test
	void waitsOutARegistryOutageDeadLettersPoisonAndSkipsUnknownTypes(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		String topic = "plain.payments.events.v1";
		kafka.broker().createTopics(1, topic, Topics.deadLetterTopicOf(topic));
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		List<PaymentEvent> produced;
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.journal).start()) {
			// given: events whose schema the consumer has never fetched, an event of a
			// new type and garbage; the registry down
			produced = OutageRecords.produceAcrossAnOutage(kafka, registry, topic, RECORDS);
			registry.start();
			Map<String, Object> avro = kafka.avroProducerProperties();
			avro.put("schema.registry.url", registry.url());
			try (KafkaProducer<String, Object> producer = new KafkaProducer<>(avro);
					KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
							Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
							new StringSerializer(), new ByteArraySerializer())) {
				producer
					.send(new ProducerRecord<>(topic, "123456:disputed",
							NewEventTypes.aDispute(PaymentCommandFixtures.MSN, "disputed")))
					.get();
				raw.send(new ProducerRecord<>(topic, "123456:garbage", garbage)).get();
			}
			registry.stop();

			// when: the consumer starts while the registry is down
			PlainConsumer consumer = new PlainConsumer(kafka, registry.url(), topic);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			Future<?> loop = executor.submit(consumer::run);
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> consumer.waits.get() >= 2 || loop.isDone());
				assertThat(loop).isNotDone();
				assertThat(consumer.consumed).isEmpty();

				registry.start();

				// then
				await().atMost(Duration.ofSeconds(60))
					.until(() -> consumer.consumed.size() >= RECORDS || loop.isDone());
				await().during(Duration.ofSeconds(2))
					.atMost(Duration.ofSeconds(10))
					.until(() -> consumer.consumed.size() == RECORDS);
				assertThat(consumer.consumed).containsExactlyElementsOf(produced);
				assertThat(loop).isNotDone();
				assertThat(TopicRecords.read(kafka, Topics.deadLetterTopicOf(topic), 1))
					.extracting(ConsumerRecord::value)
					.containsExactly(garbage);
				assertThat(consumer.meters.find(UnknownEventTypes.METRIC)
					.tags("type", NewEventTypes.DISPUTED)
					.counter()
					.count()).isEqualTo(1);
			}
			finally {
				consumer.running.set(false);
				executor.shutdown();
				executor.awaitTermination(30, TimeUnit.SECONDS);
				// A loop that died shows why.
				loop.get();
			}
		}
	}

	/**
	 * The loop a service writes around a plain consumer, using the shared parts.
	 */
	private static final class PlainConsumer {

		final List<PaymentEvent> consumed = new CopyOnWriteArrayList<>();

		final AtomicBoolean running = new AtomicBoolean(true);

		final AtomicInteger waits = new AtomicInteger();

		final SimpleMeterRegistry meters = new SimpleMeterRegistry();

		private final RecordFailurePolicy policy = new RecordFailurePolicy(
				new ConsumerErrorsProperties(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 3));

		private final UnknownEventTypes unknownEventTypes = new UnknownEventTypes(this.meters);

		private final Map<String, Object> config;

		private final DeadLetterPublisher deadLetters;

		private final String topic;

		PlainConsumer(KafkaTestEnvironment.Environment kafka, String registryUrl, String topic) {
			this.topic = topic;
			this.config = kafka.avroConsumerProperties("plain-" + System.nanoTime());
			this.config.put("schema.registry.url", registryUrl);
			this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
					new ByteArraySerializer(), new ByteArraySerializer())), this.config);
		}

		void run() {
			try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(this.config)) {
				consumer.subscribe(List.of(this.topic));
				BackOffExecution backOff = null;
				long resumeAt = 0;
				while (this.running.get()) {
					if (!consumer.paused().isEmpty() && System.nanoTime() - resumeAt >= 0) {
						consumer.resume(consumer.paused());
					}
					try {
						for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
							if (!this.unknownEventTypes.skip(record.topic(), record.value())) {
								this.consumed.add((PaymentEvent) record.value());
							}
						}
						consumer.commitSync();
						backOff = null;
					}
					catch (RecordDeserializationException failure) {
						TopicPartition partition = failure.topicPartition();
						RecordFailurePolicy.Verdict verdict = this.policy.classify(failure);
						if (verdict.waits()) {
							// the same record again after the back-off; the partition
							// waits
							backOff = (backOff != null) ? backOff : this.policy.backOff(failure).start();
							resumeAt = System.nanoTime() + Duration.ofMillis(backOff.nextBackOff()).toNanos();
							consumer.seek(partition, failure.offset());
							consumer.pause(List.of(partition));
							this.waits.incrementAndGet();
						}
						else {
							this.deadLetters.accept(new ConsumerRecord<>(partition.topic(), partition.partition(),
									failure.offset(), null, null), consumer, failure);
							consumer.seek(partition, failure.offset() + 1);
						}
					}
				}
			}
		}

	}

}
