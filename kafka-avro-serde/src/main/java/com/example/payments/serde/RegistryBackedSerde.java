package com.example.payments.serde;

import java.util.Map;

import com.example.payments.serde.registry.RegistryClientConfig;
import com.example.payments.serde.registry.SchemaRegistryClient;

/**
 * What the serializer and the deserializer share: the registry client (given, or built
 * from Confluent's properties in {@code configure}) and the parsed serde settings.
 */
abstract class RegistryBackedSerde {

	private SchemaRegistryClient client;

	private AvroSerdeConfig config;

	RegistryBackedSerde(SchemaRegistryClient client) {
		this.client = client;
	}

	final void configureSerde(Map<String, ?> configs, boolean isKey) {
		this.config = AvroSerdeConfig.parse(configs, isKey);
		if (this.client == null) {
			this.client = SchemaRegistryClient.create(RegistryClientConfig.parse(configs));
		}
	}

	final SchemaRegistryClient client() {
		return this.client;
	}

	/**
	 * The settings; Kafka calls {@code configure} before the first record.
	 * @return the settings
	 * @throws IllegalStateException if used before {@code configure}
	 */
	final AvroSerdeConfig config() {
		if (this.config == null) {
			throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
		}
		return this.config;
	}

}
