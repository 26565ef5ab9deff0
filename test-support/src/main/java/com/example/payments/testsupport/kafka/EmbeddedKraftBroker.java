package com.example.payments.testsupport.kafka;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Apache Kafka's KRaft broker (one combined controller and broker node) started in this
 * JVM through spring-kafka-test. Starts in a few seconds and needs no Docker.
 */
public final class EmbeddedKraftBroker implements KafkaTestBroker {

	private final EmbeddedKafkaKraftBroker broker;

	private EmbeddedKraftBroker(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	/**
	 * Start a single-node KRaft broker.
	 * @param port the listener port, or 0 for a random free port
	 * @return the started broker
	 */
	public static EmbeddedKraftBroker start(int port) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		if (port != 0) {
			broker.kafkaPorts(port);
		}
		// Payment events must survive a broker restart of the test cluster's lifetime
		// only;
		// one replica is all a single node can hold.
		broker.brokerProperty("offsets.topic.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.min.isr", "1");
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.afterPropertiesSet();
		return new EmbeddedKraftBroker(broker);
	}

	@Override
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

}
