package com.example.payments.kafka.consumer;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Gives every service the same consumer error handling, with nothing to configure: Spring
 * Boot's listener container factory picks up the {@link ClassifyingErrorHandler} and the
 * {@link RecordOutcomeInterceptor} defined here, and the consumer factory's key and value
 * deserializers are wrapped in spring-kafka's {@link ErrorHandlingDeserializer}, so a
 * record that cannot be deserialized reaches the error handler instead of failing
 * {@code poll()}. A service that defines its own {@link CommonErrorHandler} or
 * {@link RecordInterceptor} replaces ours (compose ours into it to keep the behaviour).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass({ DefaultErrorHandler.class, KafkaProperties.class })
@EnableConfigurationProperties(ConsumerErrorsProperties.class)
public class ConsumerErrorHandlingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RecordFailurePolicy recordFailurePolicy(ConsumerErrorsProperties properties) {
		return new RecordFailurePolicy(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigurationFaultReadiness configurationFaultReadiness(ApplicationEventPublisher publisher) {
		return new ConfigurationFaultReadiness(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	UnknownEventTypes unknownEventTypes(ObjectProvider<MeterRegistry> meters) {
		return new UnknownEventTypes(meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, ConsumerFactory<?, ?> consumerFactory) {
		Map<String, Object> consumerConfig = consumerFactory.getConfigurationProperties();
		Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
		// The same cluster the records came from; a plain, non-transactional producer of
		// bytes, so a dead letter never waits for (or aborts with) a business
		// transaction.
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
		producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(producerConfig,
				new ByteArraySerializer(), new ByteArraySerializer());
		return new DeadLetterPublisher(new KafkaTemplate<>(producers), consumerConfig);
	}

	@Bean
	@ConditionalOnMissingBean
	ConsumerFailureMetrics consumerFailureMetrics(ObjectProvider<MeterRegistry> meters) {
		return new ConsumerFailureMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	ClassifyingErrorHandler kafkaErrorHandler(DeadLetterPublisher deadLetters, RecordFailurePolicy policy,
			ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {
		return new ClassifyingErrorHandler(deadLetters, policy, readiness, metrics);
	}

	@Bean
	@ConditionalOnMissingBean(RecordInterceptor.class)
	RecordOutcomeInterceptor recordOutcomeInterceptor(UnknownEventTypes unknownEventTypes,
			ConfigurationFaultReadiness readiness) {
		return new RecordOutcomeInterceptor(unknownEventTypes, readiness);
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer errorHandlingDeserializers() {
		return (factory) -> {
			Map<String, Object> configs = factory.getConfigurationProperties();
			Map<String, Object> wrapped = new HashMap<>();
			wrap(configs, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
					ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, wrapped);
			wrap(configs, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
					ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, wrapped);
			factory.updateConfigs(wrapped);
		};
	}

	private static void wrap(Map<String, Object> configs, String property, String delegateProperty,
			Map<String, Object> wrapped) {
		Object configured = configs.get(property);
		String name = (configured instanceof Class<?> type) ? type.getName()
				: (configured != null) ? configured.toString().trim() : "";
		if (name.isEmpty() || name.equals(ErrorHandlingDeserializer.class.getName())) {
			return;
		}
		wrapped.put(property, ErrorHandlingDeserializer.class);
		wrapped.put(delegateProperty,
				(configured instanceof Class<?> type) ? type.asSubclass(Deserializer.class) : name);
	}

}
