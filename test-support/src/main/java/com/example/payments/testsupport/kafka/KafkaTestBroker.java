package com.example.payments.testsupport.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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
	 * Create topics, ignoring those that already exist.
	 * @param partitions partitions per topic
	 * @param topics topic names
	 */
	default void createTopics(int partitions, String... topics) {
		List<NewTopic> newTopics = Arrays.stream(topics)
			.map((topic) -> new NewTopic(topic, partitions, (short) 1))
			.toList();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			for (var entry : admin.createTopics(newTopics).values().entrySet()) {
				try {
					entry.getValue().get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create topic " + entry.getKey(), ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Timed out creating topics " + List.of(topics), ex);
		}
	}

	@Override
	void close();

}
