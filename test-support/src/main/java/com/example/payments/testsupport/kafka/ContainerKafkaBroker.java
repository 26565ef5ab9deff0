package com.example.payments.testsupport.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Apache Kafka in a container (Testcontainers' Kafka module), for machines with a Docker
 * engine. Chosen with {@code -Dtest.kafka.broker=container}.
 */
public final class ContainerKafkaBroker implements KafkaTestBroker {

	/** The image, overridable with {@code -Dtest.kafka.image=...}. */
	static final String DEFAULT_IMAGE = "apache/kafka:4.2.0";

	private final KafkaContainer container;

	private ContainerKafkaBroker(KafkaContainer container) {
		this.container = container;
	}

	/**
	 * Start the container.
	 * @return the started broker
	 * @throws IllegalStateException if no Docker engine is reachable
	 */
	public static ContainerKafkaBroker start() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("-D" + KIND_PROPERTY
					+ "=container needs a Docker engine, and none is reachable; use the embedded broker instead");
		}
		KafkaContainer container = new KafkaContainer(System.getProperty("test.kafka.image", DEFAULT_IMAGE))
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		container.start();
		return new ContainerKafkaBroker(container);
	}

	@Override
	public String bootstrapServers() {
		return this.container.getBootstrapServers();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
