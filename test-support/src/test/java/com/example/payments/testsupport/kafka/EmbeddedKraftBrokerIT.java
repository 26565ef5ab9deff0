package com.example.payments.testsupport.kafka;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EmbeddedKraftBroker}: a real broker that stores and serves records, on
 * a port nobody else holds.
 */
class EmbeddedKraftBrokerIT {

	@Test
	void storesRecordsAndServesThemInOrderPerKeyAndDeletesItsTemporaryData() throws Exception {
		Path dataDir;
		try (EmbeddedKraftBroker broker = EmbeddedKraftBroker.start(0)) {
			dataDir = broker.dataDir();
			assertThat(dataDir.resolve("meta.properties")).exists();
			broker.createTopics(3, "broker-smoke");
			Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
					new StringSerializer())) {
				for (int i = 0; i < 5; i++) {
					producer.send(new ProducerRecord<>("broker-smoke", "123456:order-1", "event-" + i)).get();
				}
			}
			Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "smoke",
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			List<String> values = new ArrayList<>();
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
					new StringDeserializer())) {
				consumer.subscribe(List.of("broker-smoke"));
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						values.add(record.value());
					}
					assertThat(values).hasSize(5);
				});
			}
			assertThat(values).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
		}
		assertThat(dataDir).doesNotExist();
	}

	@Test
	void refusesAPortSomeoneElseListensOnAndSaysWhich() throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("localhost", 0));

			assertThatIllegalStateException().isThrownBy(() -> EmbeddedKraftBroker.start(taken.getLocalPort()))
				.withMessageContaining("localhost:" + taken.getLocalPort());
		}
	}

}
