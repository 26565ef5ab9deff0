package com.example.payments.kafka.consumer;

import java.time.Duration;

import com.example.payments.kafka.NewEventTypes;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.TopicRecords;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service built with today's classes meets an event type a newer producer added: it
 * neither crashes nor dead-letters the record, counts it as skipped, and consumes the
 * records behind it on the same partition.
 */
@ExtendWith(KafkaTestEnvironment.class)
class UnknownEventTypeIT {

	@Test
	void skipsAndCountsAnEventOfATypeThisBuildDoesNotKnow(KafkaTestEnvironment.Environment kafka) throws Exception {
		// given: a known event, one of a new type, another known event, on one partition
		String topic = "unknown.payments.events.v1";
		kafka.broker().createTopics(1, topic, Topics.deadLetterTopicOf(topic));
		String orderId = PaymentCommandFixtures.anyOrderId();
		String key = PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString();
		PaymentEvent before = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 20_000,
				"5001420070");
		PaymentEvent after = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 30_000,
				"5001420071");
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties())) {
			producer.send(new ProducerRecord<>(topic, key, before)).get();
			producer.send(new ProducerRecord<>(topic, key, NewEventTypes.aDispute(PaymentCommandFixtures.MSN, orderId)))
				.get();
			producer.send(new ProducerRecord<>(topic, key, after)).get();
		}

		// when
		ListenerApplication.runner(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), topic).run((context) -> {
			ListenerApplication app = context.getBean(ListenerApplication.class);

			// then
			await().atMost(Duration.ofSeconds(60)).until(() -> app.consumed().size() == 2);
			assertThat(app.consumed()).containsExactly(before, after);
			assertThat(app.attempts).hasSize(2);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(ListenerApplication.count(meters, UnknownEventTypes.METRIC, "topic", topic, "type",
					NewEventTypes.DISPUTED))
				.isEqualTo(1);
			assertThat(TopicRecords.count(kafka, Topics.deadLetterTopicOf(topic))).isZero();
		});
	}

}
