package com.example.payments.testsupport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/**
 * A real Kafka broker for integration tests: Apache Kafka's KRaft broker started
 * in-process, or a Testcontainers Kafka container where a Docker engine is available.
 * Never a mock.
 */
public interface KafkaTestBroker extends AutoCloseable {

	/**
	 * System property that chooses the broker: {@code embedded} (default) or
	 * {@code container}.
	 */
	String KIND_PROPERTY = "test.kafka.broker";

	/**
	 * Start the broker chosen by {@link #KIND_PROPERTY}.
	 * @return a started broker
	 */
	static KafkaTestBroker start() {
		String kind = System.getProperty(KIND_PROPERTY, "embedded");
		return switch (kind) {
			case "embedded" -> EmbeddedKraftBroker.start(0);
			case "container" -> ContainerKafkaBroker.start();
			default -> throw new IllegalArgumentException(
					"Unknown " + KIND_PROPERTY + " '" + kind + "': use 'embedded' or 'container'");
		};
	}

	/**
	 * The bootstrap servers clients connect to.
	 * @return host:port list
	 */
	String bootstrapServers();

	/**
	 * Create topics, ignoring those that already exist, and return once every partition
	 * is online at its leader. The controller confirms a new topic before the broker has
	 * created its logs; an idempotent producer that writes in that gap can have its first
	 * batch refused (NOT_LEADER_OR_FOLLOWER) and the next ones accepted, and then retries
	 * the first one with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout drops
	 * it: a test that produced at once would lose records.
	 * @param partitions partitions per topic
	 * @param topics topic names
	 */
	default void createTopics(int partitions, String... topics) {
		List<NewTopic> newTopics = Arrays.stream(topics)
			.map((topic) -> new NewTopic(topic, partitions, (short) 1))
			.toList();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			List<NewTopic> created = new ArrayList<>();
			var results = admin.createTopics(newTopics).values();
			for (NewTopic topic : newTopics) {
				try {
					results.get(topic.name()).get(30, TimeUnit.SECONDS);
					created.add(topic);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create topic " + topic.name(), ex.getCause());
					}
				}
			}
			awaitOnline(admin, created);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Timed out creating topics " + List.of(topics), ex);
		}
	}

	// ListOffsets is answered by the partition's leader from its log, so it succeeds only
	// once the log exists; metadata alone can name a leader before that.
	private static void awaitOnline(Admin admin, List<NewTopic> topics) {
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		for (NewTopic topic : topics) {
			for (int partition = 0; partition < topic.numPartitions(); partition++) {
				partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
			}
		}
		Awaitility.await("partitions " + partitions.keySet() + " online at their leader")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.ignoreExceptionsInstanceOf(ExecutionException.class)
			.until(() -> admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS) != null);
	}

	@Override
	void close();

}
