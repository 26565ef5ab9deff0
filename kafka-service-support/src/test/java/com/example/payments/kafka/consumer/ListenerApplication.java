package com.example.payments.kafka.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service shell as the three services are built: Spring Boot's Kafka auto-configuration
 * plus this module's, and one {@code @KafkaListener} that records what it is given. The
 * listener throws for values the test marks as failing, to play an application failure.
 */
@Configuration(proxyBeanMethods = false)
class ListenerApplication {

	final List<Object> consumed = new CopyOnWriteArrayList<>();

	final List<Object> attempts = new CopyOnWriteArrayList<>();

	volatile Predicate<Object> failing = (value) -> false;

	/**
	 * A context runner for a service consuming {@code topic} with our Avro deserializer
	 * from the registry at {@code registryUrl}.
	 * @param bootstrapServers the broker
	 * @param registryUrl the registry
	 * @param topic the topic the listener reads
	 * @return the runner; add properties and run it
	 */
	static ApplicationContextRunner runner(String bootstrapServers, String registryUrl, String topic) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
					ConsumerErrorHandlingAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
			.withUserConfiguration(ListenerApplication.class)
			.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers,
					"spring.kafka.consumer.group-id=service-" + System.nanoTime(),
					"spring.kafka.consumer.auto-offset-reset=earliest",
					"spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
					"spring.kafka.consumer.value-deserializer=com.example.payments.serde.KafkaAvroDeserializer",
					"spring.kafka.properties[schema.registry.url]=" + registryUrl,
					"spring.kafka.consumer.properties[specific.avro.reader]=true",
					"payments.kafka.errors.initial-interval=200ms", "payments.kafka.errors.max-interval=1s",
					"test.topic=" + topic);
	}

	/**
	 * Mark the application ready, as SpringApplication does once it has started (a
	 * context runner publishes no such event).
	 * @param context the running context
	 */
	static void started(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@KafkaListener(topics = "${test.topic}")
	void on(ConsumerRecord<String, Object> record) {
		this.attempts.add(record.value());
		if (this.failing.test(record.value())) {
			throw new IllegalArgumentException("the application cannot handle " + record.key());
		}
		this.consumed.add(record.value());
	}

	List<Object> consumed() {
		return new ArrayList<>(this.consumed);
	}

	static double count(MeterRegistry meters, String metric, String... tags) {
		return meters.find(metric).tags(tags).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
