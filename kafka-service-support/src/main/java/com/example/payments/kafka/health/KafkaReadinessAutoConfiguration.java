package com.example.payments.kafka.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Health indicators {@code kafka} and {@code schemaRegistry} for every service. They
 * count for readiness only where a service lists them in its readiness group
 * ({@code management.endpoint.health.group.readiness.include}); they stay out of
 * liveness, so a broker or registry outage never restarts a pod.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, KafkaAdmin.class })
@EnableConfigurationProperties(KafkaHealthProperties.class)
public class KafkaReadinessAutoConfiguration {

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafka")
	KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaHealthProperties properties) {
		return new KafkaClusterHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.timeout());
	}

	@Bean
	@ConditionalOnBean(KafkaProperties.class)
	@ConditionalOnMissingBean(name = "schemaRegistryHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("schemaregistry")
	SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(KafkaProperties kafkaProperties,
			KafkaHealthProperties properties) {
		return new SchemaRegistryHealthIndicator(kafkaProperties.getProperties(), properties.timeout());
	}

}
