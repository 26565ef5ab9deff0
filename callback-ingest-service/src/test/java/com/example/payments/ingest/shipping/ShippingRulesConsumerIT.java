package com.example.payments.ingest.shipping;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.payments.ingest.shipping.domain.ShippingAddress;
import com.example.payments.ingest.shipping.domain.ShippingOption;
import com.example.payments.ingest.shipping.domain.ShippingRulesStore;
import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.ShippingRule;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.testsupport.KafkaTestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ShippingRulesConsumer} on a real broker and registry: it fills the
 * store from the compacted topic, reports ready only once it read everything that was
 * there at its start, waits out a registry it cannot reach (nothing skipped), skips what
 * can never be read, and follows later rules and tombstones.
 */
@ExtendWith(KafkaTestEnvironment.class)
class ShippingRulesConsumerIT {

	private static final String TOPIC = "ingest-rules-consumer.shipping-rules";

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void isReadyOnlyOnceEverythingThereAtStartIsReadAndFollowsLaterChanges(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		// given: a topic with 300 payments' rules, 100 of them tombstoned, and two
		// records nobody can read
		kafka.broker().createTopics(3, TOPIC);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties())) {
			for (int i = 0; i < 300; i++) {
				producer.send(new ProducerRecord<>(TOPIC, "123456:order-" + i, rules("NO", 4900 + i)));
			}
			for (int i = 0; i < 100; i++) {
				producer.send(new ProducerRecord<>(TOPIC, "123456:order-" + i, null));
			}
			producer.send(new ProducerRecord<>(TOPIC, "not a payment key", rules("NO", 1000)))
				.get(30, TimeUnit.SECONDS);
		}
		Map<String, Object> raw = new HashMap<>(kafka.avroProducerProperties());
		raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(raw)) {
			producer.send(new ProducerRecord<>(TOPIC, "123456:garbage", "{\"json\":true}".getBytes()))
				.get(30, TimeUnit.SECONDS);
		}
		ShippingRulesStore store = new ShippingRulesStore();

		// when the registry cannot be reached: it waits, not ready, and skips nothing
		ShippingRulesConsumer blind = consumer(kafka, "http://127.0.0.1:1", store);
		blind.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.meters.find(ConsumerFailureMetrics.RETRIES)
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum() >= 2);
			assertThat(blind.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(blind.isCaughtUp()).isFalse();
			assertThat(unreadable()).isZero();
		}
		finally {
			blind.stop();
		}

		// then, with the registry: ready with every live payment's rules
		ShippingRulesConsumer consumer = consumer(kafka, kafka.schemaRegistryUrl(), store);
		consumer.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(consumer::isCaughtUp);
			assertThat(consumer.health().getStatus()).isEqualTo(Status.UP);
			assertThat(store.payments()).isEqualTo(200);
			assertThat(store.rulesOf("123456", "order-5")).isEmpty();
			assertThat(store.rulesOf("123456", "order-150").orElseThrow().optionsFor(oslo()))
				.extracting(ShippingOption::costOre)
				.containsExactly(5050L);
			assertThat(unreadable()).as("the bad key and the JSON value").isEqualTo(2);

			// and it follows what is published later
			try (KafkaProducer<String, Object> producer = new KafkaProducer<>(kafka.avroProducerProperties())) {
				producer.send(new ProducerRecord<>(TOPIC, "123456:order-5", rules("NO", 777)));
				producer.send(new ProducerRecord<>(TOPIC, "123456:order-150", null)).get(30, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> store.rulesOf("123456", "order-150").isEmpty() && store.rulesOf("123456", "order-5")
					.map((rules) -> rules.optionsFor(oslo()).get(0).costOre() == 777)
					.orElse(false));
		}
		finally {
			consumer.stop();
		}
	}

	private ShippingRulesConsumer consumer(KafkaTestEnvironment.Environment kafka, String registryUrl,
			ShippingRulesStore store) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
		config.put("specific.avro.reader", true);
		config.put("schema.registry.url", registryUrl);
		config.put("http.connect.timeout.ms", 500);
		ConsumerErrorsProperties fast = new ConsumerErrorsProperties(Duration.ofMillis(100), 2.0,
				Duration.ofMillis(500), 3);
		return new ShippingRulesConsumer(() -> new KafkaConsumer<>(config), TOPIC, store, new RecordFailurePolicy(fast),
				new ConfigurationFaultReadiness((event) -> {
				}), new ConsumerFailureMetrics(this.meters), this.meters);
	}

	private double unreadable() {
		return this.meters.counter("ingest.shipping.rules.unreadable", "topic", TOPIC).count();
	}

	private static ShippingAddress oslo() {
		return new ShippingAddress("Norway", "0154");
	}

	private static ExpressShippingRules rules(String country, long cost) {
		return ExpressShippingRules.newBuilder()
			.setRules(List.of(ShippingRule.newBuilder()
				.setCountries(List.of(country))
				.setPostCodeRanges(List.of())
				.setOptions(List.of(com.example.payments.schema.shipping.ShippingOption.newBuilder()
					.setShippingMethodId("posten")
					.setShippingMethod("Posten")
					.setShippingCost(cost)
					.setIsDefault(true)
					.setPriority(null)
					.build()))
				.build()))
			.setFallbackOptions(List.of())
			.build();
	}

}
