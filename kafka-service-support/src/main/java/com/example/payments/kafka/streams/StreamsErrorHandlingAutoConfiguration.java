package com.example.payments.kafka.streams;

import java.util.Properties;

import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerErrorHandlingAutoConfiguration;
import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.serde.registry.SchemaRegistryClient;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The consumers' error handling for a Kafka Streams service (present only where
 * {@code kafka-streams} is on the classpath, i.e. the reconciliation service): every
 * {@link StreamsBuilderFactoryBean} gets the {@link SchemaWaitingClientSupplier}, the
 * classifying deserialization and processing exception handlers (unless the service set
 * its own) and {@link BackingOffThreadReplacement}. The topology uses
 * {@link StreamsAvroSerdes} for its Avro topics and {@link SkipUnknownEventTypes} after
 * its sources.
 */
@AutoConfiguration(after = ConsumerErrorHandlingAutoConfiguration.class)
@ConditionalOnClass({ KafkaStreams.class, StreamsBuilderFactoryBean.class, KafkaProperties.class })
public class StreamsErrorHandlingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SchemaRegistryClient schemaRegistryClient(KafkaProperties kafka) {
		return SchemaRegistryClient.create(kafka.buildStreamsProperties());
	}

	@Bean
	@ConditionalOnMissingBean
	StreamsAvroSerdes streamsAvroSerdes(SchemaRegistryClient registry, KafkaProperties kafka) {
		return new StreamsAvroSerdes(registry, kafka.buildStreamsProperties());
	}

	@Bean
	@ConditionalOnMissingBean
	SkipUnknownEventTypes<Object, Object> skipUnknownEventTypes(UnknownEventTypes unknownEventTypes) {
		return new SkipUnknownEventTypes<>(unknownEventTypes);
	}

	@Bean
	StreamsBuilderFactoryBeanConfigurer streamsErrorHandling(SchemaRegistryClient registry, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, ConsumerErrorsProperties properties,
			ConsumerFailureMetrics metrics) {
		return (factoryBean) -> {
			factoryBean.setClientSupplier(new SchemaWaitingClientSupplier(registry, policy, readiness, metrics));
			factoryBean.setStreamsUncaughtExceptionHandler(new BackingOffThreadReplacement(properties));
			Properties config = factoryBean.getStreamsConfiguration();
			if (config != null) {
				config.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
						ClassifyingDeserializationExceptionHandler.class.getName());
				config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
						ClassifyingProcessingExceptionHandler.class.getName());
				config.put(StreamsErrorHandling.CONFIG, new StreamsErrorHandling(policy, metrics));
				factoryBean.setStreamsConfiguration(config);
			}
		};
	}

}
