package com.example.payments.kafka.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaReadinessAutoConfiguration}.
 */
class KafkaReadinessAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaReadinessAutoConfiguration.class));

	@Test
	void givesEveryServiceAKafkaAndASchemaRegistryIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaClusterHealthIndicator.class)
				.hasBean("kafkaHealthIndicator")
				.hasSingleBean(SchemaRegistryHealthIndicator.class)
				.hasBean("schemaRegistryHealthIndicator");
			assertThat(context.getBean(KafkaHealthProperties.class).timeout())
				.isEqualTo(KafkaHealthProperties.DEFAULT_TIMEOUT);
		});
	}

	@Test
	void bindsTheTimeoutAndRejectsOneThatIsNotPositive() {
		this.contextRunner.withPropertyValues("payments.kafka.health.timeout=750ms")
			.run((context) -> assertThat(context.getBean(KafkaHealthProperties.class).timeout())
				.isEqualTo(Duration.ofMillis(750)));
		this.contextRunner.withPropertyValues("payments.kafka.health.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("payments.kafka.health.timeout must be positive"));
	}

	@Test
	void eachIndicatorCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("management.health.kafka.enabled=false",
					"management.health.schemaregistry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class)
				.doesNotHaveBean(SchemaRegistryHealthIndicator.class));
	}

}
