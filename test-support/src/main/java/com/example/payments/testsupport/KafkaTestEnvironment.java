package com.example.payments.testsupport;

import java.util.HashMap;
import java.util.Map;

import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives integration tests a real Kafka broker and a schema
 * registry, started once per test run (JVM) and shared by every test class that uses it.
 * Tests inject the {@link Environment} as a parameter:
 *
 * <pre class="code">
 * &#64;ExtendWith(KafkaTestEnvironment.class)
 * class SomethingIT {
 *
 * 	&#64;Test
 * 	void works(KafkaTestEnvironment.Environment kafka) { ... }
 *
 * }
 * </pre>
 *
 * The broker is chosen by {@link KafkaTestBroker#KIND_PROPERTY}; tests create the topics
 * they use, with names of their own, so classes do not see each other's records.
 */
public final class KafkaTestEnvironment implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(KafkaTestEnvironment.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		environment(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Environment.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return environment(extensionContext);
	}

	private static Environment environment(ExtensionContext context) {
		// The root store outlives every test class and closes the environment after the
		// run.
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Environment.class, (key) -> Environment.start(), Environment.class);
	}

	/**
	 * A running broker and registry, with client properties that point at them.
	 */
	public static final class Environment implements AutoCloseable {

		private final KafkaTestBroker broker;

		private final SchemaRegistryLite registry;

		private Environment(KafkaTestBroker broker, SchemaRegistryLite registry) {
			this.broker = broker;
			this.registry = registry;
		}

		/**
		 * Start a broker and a registry outside JUnit (a benchmark's main); close it when
		 * done.
		 * @return the running environment
		 */
		public static Environment start() {
			KafkaTestBroker broker = KafkaTestBroker.start();
			try {
				return new Environment(broker, SchemaRegistryLite.start(0));
			}
			catch (RuntimeException ex) {
				broker.close();
				throw ex;
			}
		}

		public KafkaTestBroker broker() {
			return this.broker;
		}

		public SchemaRegistryLite registry() {
			return this.registry;
		}

		public String bootstrapServers() {
			return this.broker.bootstrapServers();
		}

		public String schemaRegistryUrl() {
			return this.registry.url();
		}

		/**
		 * Producer properties as the services use them: string keys, Avro values through
		 * the registry, {@code acks=all} and idempotence.
		 * @return properties
		 */
		public Map<String, Object> avroProducerProperties() {
			Map<String, Object> props = new HashMap<>();
			props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
			props.put(ProducerConfig.ACKS_CONFIG, "all");
			props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
			props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
			props.put("schema.registry.url", schemaRegistryUrl());
			return props;
		}

		/**
		 * Consumer properties that read specific Avro records from the start of the
		 * topic.
		 * @param groupId the consumer group
		 * @return properties
		 */
		public Map<String, Object> avroConsumerProperties(String groupId) {
			Map<String, Object> props = new HashMap<>();
			props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
			props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
			props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
			props.put("schema.registry.url", schemaRegistryUrl());
			props.put("specific.avro.reader", true);
			return props;
		}

		@Override
		public void close() {
			try {
				this.registry.close();
			}
			finally {
				this.broker.close();
			}
		}

	}

}
