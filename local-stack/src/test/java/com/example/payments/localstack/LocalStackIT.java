package com.example.payments.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LocalStack}: the broker and the registry come up together, with every
 * payment topic and its dead-letter topic, all with one partition count; Kafka listens on
 * exactly the port asked for; a data directory keeps records and schema ids.
 */
class LocalStackIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsKafkaWithEveryTopicAndTheRegistry() throws Exception {
		try (LocalStack stack = LocalStack.start(new LocalStackOptions(0, 0, 4, null))) {
			Map<String, TopicDescription> topics;
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
				topics = admin.describeTopics(LocalStack.topics()).allTopicNames().get();
			}
			assertThat(topics).containsKeys(Topics.PAYMENT_COMMANDS, Topics.PAYMENT_EVENTS,
					Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS));
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(4));

			HttpResponse<String> subjects = get(stack.schemaRegistryUrl() + "/subjects");
			assertThat(subjects.statusCode()).isEqualTo(200);
			assertThat(subjects.body()).isEqualTo("[]");
		}
	}

	@Test
	void servesKafkaOnExactlyThePortAskedFor() throws Exception {
		int port = freePort();
		String address = "localhost:" + port;
		try (LocalStack stack = LocalStack.start(new LocalStackOptions(port, 0, 1, null))) {
			assertThat(stack.bootstrapServers()).isEqualTo(address);

			// A plain client given only the port we chose: no address taken from the
			// stack.
			RecordMetadata written;
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address, ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				written = producer.send(new ProducerRecord<>(Topics.PAYMENT_COMMANDS, "123456:order-1", "hello")).get();
			}
			try (KafkaConsumer<String, String> consumer = consumer(address, "fixed-port")) {
				consumer.subscribe(List.of(Topics.PAYMENT_COMMANDS));
				List<String> values = poll(consumer, 1);
				assertThat(values).containsExactly("hello");
				// Every broker the cluster tells clients about is on that port too.
				List<Node> nodes = consumer.partitionsFor(Topics.PAYMENT_COMMANDS)
					.stream()
					.map((partition) -> partition.leader())
					.toList();
				assertThat(nodes).extracting(Node::port).containsOnly(port);
			}
			assertThat(written.offset()).isZero();
		}
	}

	@Test
	void keepsRecordsAndSchemaIdsInTheDataDirectoryAcrossRestarts(@TempDir Path dataDir) throws Exception {
		String schema = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";
		try (LocalStack first = LocalStack.start(new LocalStackOptions(0, 0, 1, dataDir))) {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS, "123456:order-2", "kept")).get();
			}
			HttpResponse<String> registered = this.http
				.send(HttpRequest.newBuilder(URI.create(first.schemaRegistryUrl() + "/subjects/kept-value/versions"))
					.header("Content-Type", "application/vnd.schemaregistry.v1+json")
					.POST(HttpRequest.BodyPublishers.ofString(schema))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(registered.body()).isEqualTo("{\"id\":1}");
		}

		try (LocalStack second = LocalStack.start(new LocalStackOptions(0, 0, 1, dataDir));
				KafkaConsumer<String, String> consumer = consumer(second.bootstrapServers(), "after-restart")) {
			consumer.subscribe(List.of(Topics.PAYMENT_EVENTS));
			assertThat(poll(consumer, 1)).containsExactly("kept");
			assertThat(get(second.schemaRegistryUrl() + "/subjects/kept-value/versions/1").body()).contains("\"id\":1");
		}
	}

	private KafkaConsumer<String, String> consumer(String bootstrapServers, String group) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, group,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
	}

	private static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
		List<String> values = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				values.add(record.value());
			}
			assertThat(values).hasSize(expected);
		});
		return values;
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("localhost", 0));
			return socket.getLocalPort();
		}
	}

}
