package com.example.payments.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.schema.Topics;
import com.example.payments.testsupport.kafka.EmbeddedKraftBroker;

/**
 * Starts the infrastructure of the local stack in one JVM: Apache Kafka's KRaft broker
 * and the development schema registry, with every payment topic and its dead-letter topic
 * created. For {@code bin/run-local} and developers' machines only; production runs a
 * real Kafka cluster and a real schema registry.
 */
public final class LocalStack implements AutoCloseable {

	/** Printed when everything is up; {@code bin/run-local} waits for it. */
	static final String READY_MARKER = "LOCAL-STACK READY";

	private final EmbeddedKraftBroker broker;

	private final SchemaRegistryLite registry;

	private LocalStack(EmbeddedKraftBroker broker, SchemaRegistryLite registry) {
		this.broker = broker;
		this.registry = registry;
	}

	/**
	 * Start the broker and the registry and create the topics (those that a kept data
	 * directory already has stay as they are).
	 * @param options ports, partition count, data directory
	 * @return the running stack
	 */
	public static LocalStack start(LocalStackOptions options) {
		Path dataDir = options.dataDir();
		EmbeddedKraftBroker broker = EmbeddedKraftBroker.start(options.kafkaPort(),
				(dataDir != null) ? dataDir.resolve("kafka") : null);
		try {
			broker.createTopics(options.partitions(), topics().toArray(String[]::new));
			SchemaRegistryLite registry = SchemaRegistryLite.builder()
				.port(options.registryPort())
				.dataDir((dataDir != null) ? dataDir.resolve("schema-registry") : null)
				.start();
			return new LocalStack(broker, registry);
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
	}

	/**
	 * Every topic the system uses, with a dead-letter topic for each consumed one.
	 * @return topic names
	 */
	static List<String> topics() {
		List<String> topics = new ArrayList<>();
		for (String topic : List.of(Topics.PAYMENT_COMMANDS, Topics.PAYMENT_EVENTS, Topics.PAYMENT_CONSENTS,
				Topics.PAYMENT_SHIPPING_RULES)) {
			topics.add(topic);
			topics.add(Topics.deadLetterTopicOf(topic));
		}
		return topics;
	}

	/**
	 * Where clients connect to Kafka: the address the broker advertises, on the port it
	 * really listens on (checked before the stack reports ready).
	 * @return bootstrap servers
	 */
	public String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	/**
	 * Where clients find the schema registry.
	 * @return the registry URL
	 */
	public String schemaRegistryUrl() {
		return this.registry.url();
	}

	@Override
	public void close() {
		this.registry.close();
		this.broker.close();
	}

	public static void main(String[] args) throws InterruptedException {
		LocalStack stack;
		try {
			stack = start(LocalStackOptions.parse(args));
		}
		catch (RuntimeException ex) {
			// Kafka's threads would keep a half-started JVM alive; bin/run-local waits
			// for this process to either report ready or end.
			System.err.println("LOCAL-STACK FAILED " + ex.getMessage());
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.close();
			stopped.countDown();
		}, "local-stack-shutdown"));
		System.out.println(READY_MARKER + " kafka=" + stack.bootstrapServers() + " schema-registry="
				+ stack.schemaRegistryUrl() + " topics=" + topics());
		stopped.await();
	}

}
