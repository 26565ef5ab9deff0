package com.example.payments.kafka.streams;

import java.util.Map;

import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.serde.registry.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients as usual, except that the main consumer of each stream thread is
 * a {@link SchemaWaitingConsumer}.
 */
public final class SchemaWaitingClientSupplier implements KafkaClientSupplier {

	private final SchemaRegistryClient registry;

	private final RecordFailurePolicy policy;

	private final ConfigurationFaultReadiness readiness;

	private final ConsumerFailureMetrics metrics;

	public SchemaWaitingClientSupplier(SchemaRegistryClient registry, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {
		this.registry = registry;
		this.policy = policy;
		this.readiness = readiness;
		this.metrics = metrics;
	}

	@Override
	public Admin getAdmin(Map<String, Object> config) {
		return Admin.create(config);
	}

	@Override
	public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	@Override
	public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
		return new SchemaWaitingConsumer(config, this.registry, this.policy, this.readiness, this.metrics);
	}

	@Override
	public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	@Override
	public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

}
