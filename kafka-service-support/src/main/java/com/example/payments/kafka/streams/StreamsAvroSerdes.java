package com.example.payments.kafka.streams;

import java.util.HashMap;
import java.util.Map;

import com.example.payments.serde.AvroSerdeConfig;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.serde.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes for a topology, sharing the registry client (and its cache) with
 * {@link SchemaWaitingConsumer}: what the consumer waited for is what the deserializer
 * finds. Values are read into the generated classes ({@code specific.avro.reader=true}).
 */
public final class StreamsAvroSerdes {

	private final SchemaRegistryClient registry;

	private final Map<String, Object> config;

	/**
	 * Create the factory.
	 * @param registry the shared client
	 * @param config the Streams properties (serde settings such as
	 * {@code auto.register.schemas} are read from them)
	 */
	public StreamsAvroSerdes(SchemaRegistryClient registry, Map<String, Object> config) {
		this.registry = registry;
		this.config = new HashMap<>(config);
		this.config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
	}

	/**
	 * A serde for record values.
	 * @param <T> the generated class
	 * @return the serde
	 */
	public <T> Serde<T> value() {
		return serde(false);
	}

	/**
	 * A serde for Avro record keys.
	 * @param <T> the generated class
	 * @return the serde
	 */
	public <T> Serde<T> key() {
		return serde(true);
	}

	private <T> Serde<T> serde(boolean isKey) {
		KafkaAvroSerializer<T> serializer = new KafkaAvroSerializer<>(this.registry);
		serializer.configure(this.config, isKey);
		KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>(this.registry);
		deserializer.configure(this.config, isKey);
		return new Configured<>(serializer, deserializer);
	}

	/** A serde configured once, here: Streams' {@code configure} leaves it as it is. */
	private record Configured<T>(Serializer<T> serializer, Deserializer<T> deserializer) implements Serde<T> {

		@Override
		public void configure(Map<String, ?> configs, boolean isKey) {
		}

	}

}
