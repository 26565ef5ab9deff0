package com.example.payments.kafka.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.payments.kafka.OutageRecords;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service's listener meets a schema registry that is down, or refuses its credentials,
 * while records it has never seen the schema of wait on the topic: it waits, skips
 * nothing, dead-letters nothing, and consumes every record exactly once when the registry
 * serves again. A refused credential also makes the service not-ready until then.
 */
@ExtendWith(KafkaTestEnvironment.class)
class RegistryFaultListenerIT {

	private static final int RECORDS = 6;

	@TempDir
	Path journal;

	@Test
	void waitsOutARegistryOutageAndConsumesEveryRecordExactlyOnce(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		String topic = "outage.payments.events.v1";
		kafka.broker().createTopics(2, topic, Topics.deadLetterTopicOf(topic));
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.journal).start()) {
			// given: the producer registered its schema, then the registry went down
			List<PaymentEvent> produced = OutageRecords.produceAcrossAnOutage(kafka, registry, topic, RECORDS);

			ListenerApplication.runner(kafka.bootstrapServers(), registry.url(), topic).run((context) -> {
				ListenerApplication app = context.getBean(ListenerApplication.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				ListenerApplication.started(context);
				// when: the service starts while the registry is down
				await().atMost(Duration.ofSeconds(60))
					.until(() -> ListenerApplication.count(meters, ConsumerFailureMetrics.RETRIES, "topic", topic,
							"failure", "transient") >= 2);
				// then: it waits, ready (an outage is not the service's fault)
				assertThat(app.consumed()).isEmpty();
				assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
					.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

				registry.start();

				await().atMost(Duration.ofSeconds(60)).until(() -> app.consumed().size() >= RECORDS);
				await().during(Duration.ofSeconds(2))
					.atMost(Duration.ofSeconds(10))
					.until(() -> app.consumed().size() == RECORDS);
				assertThat(app.consumed()).containsExactlyInAnyOrderElementsOf(produced);
				assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(topic))).isZero();
				assertThat(ListenerApplication.count(meters, ConsumerFailureMetrics.DEAD_LETTERS)).isZero();
			});
		}
	}

	@Test
	void reportsNotReadyWhileTheRegistryRefusesItsCredentialsAndRecoversWhenTheyAreAcceptedAgain(
			KafkaTestEnvironment.Environment kafka) throws Exception {
		String topic = "credentials.payments.events.v1";
		kafka.broker().createTopics(1, topic, Topics.deadLetterTopicOf(topic));
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(this.journal)) {
			// given: the registry's password was rotated; the producer has the new one
			registry.start("sr-user", "rotated");
			List<PaymentEvent> produced = OutageRecords.produce(kafka, registry, topic, RECORDS,
					Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:rotated"));

			ListenerApplication.runner(kafka.bootstrapServers(), registry.url(), topic)
				.withPropertyValues("spring.kafka.properties[basic.auth.credentials.source]=USER_INFO",
						"spring.kafka.properties[basic.auth.user.info]=sr-user:original")
				.run((context) -> {
					ListenerApplication app = context.getBean(ListenerApplication.class);
					ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					ListenerApplication.started(context);
					// when: the service still has the old password
					await().atMost(Duration.ofSeconds(60))
						.until(() -> ListenerApplication.count(meters, ConsumerFailureMetrics.RETRIES, "topic", topic,
								"failure", "configuration") >= 2);
					assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
					assertThat(app.consumed()).isEmpty();

					// then: once the registry accepts the service's credentials again
					registry.stop();
					registry.start("sr-user", "original");

					await().atMost(Duration.ofSeconds(60)).until(() -> app.consumed().size() >= RECORDS);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
					assertThat(app.consumed()).containsExactlyElementsOf(produced);
					assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(topic))).isZero();
				});
		}
	}

}
