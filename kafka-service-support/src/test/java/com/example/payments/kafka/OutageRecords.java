package com.example.payments.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Payment events that a consumer meets while the registry is down.
 */
public final class OutageRecords {

	private OutageRecords() {
	}

	/**
	 * Produce events through a registry: the first while it is up (the producer registers
	 * the schema and caches its id), the rest after the registry stopped. A consumer that
	 * starts now has cached none of it.
	 * @param kafka the environment
	 * @param registry the registry, running; stopped on return
	 * @param topic the topic
	 * @param count how many events (at least 2)
	 * @return the events, in the order sent
	 * @throws Exception if a send fails
	 */
	public static List<PaymentEvent> produceAcrossAnOutage(KafkaTestEnvironment.Environment kafka,
			RestartableRegistry registry, String topic, int count) throws Exception {
		return produce(kafka, registry, topic, count, Map.of(), true);
	}

	/**
	 * Produce events through a registry that stays as it is.
	 * @param kafka the environment
	 * @param registry the registry, running
	 * @param topic the topic
	 * @param count how many events
	 * @param extra more producer properties, e.g. registry credentials
	 * @return the events, in the order sent
	 * @throws Exception if a send fails
	 */
	public static List<PaymentEvent> produce(KafkaTestEnvironment.Environment kafka, RestartableRegistry registry,
			String topic, int count, Map<String, Object> extra) throws Exception {
		return produce(kafka, registry, topic, count, extra, false);
	}

	private static List<PaymentEvent> produce(KafkaTestEnvironment.Environment kafka, RestartableRegistry registry,
			String topic, int count, Map<String, Object> extra, boolean stopAfterFirst) throws Exception {
		List<PaymentEvent> produced = new ArrayList<>();
		Map<String, Object> props = kafka.avroProducerProperties();
		props.put("schema.registry.url", registry.url());
		props.putAll(extra);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props)) {
			for (int i = 0; i < count; i++) {
				if (stopAfterFirst && i == 1) {
					registry.stop();
				}
				String orderId = PaymentCommandFixtures.anyOrderId();
				PaymentEvent event = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN, orderId, 1_000 + i,
						"50014200" + i);
				producer
					.send(new ProducerRecord<>(topic, PaymentKey.of(PaymentCommandFixtures.MSN, orderId).asString(),
							event))
					.get();
				produced.add(event);
			}
		}
		return produced;
	}

}
