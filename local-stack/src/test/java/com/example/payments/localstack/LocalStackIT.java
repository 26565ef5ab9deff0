package com.example.payments.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.example.payments.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalStack}: the broker and the registry come up together, with every
 * payment topic and its dead-letter topic, all with one partition count.
 */
class LocalStackIT {

	@Test
	void startsKafkaWithEveryTopicAndTheRegistry() throws Exception {
		try (LocalStack stack = LocalStack.start(new LocalStackOptions(0, 0, 4))) {
			Map<String, TopicDescription> topics;
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
				topics = admin.describeTopics(LocalStack.topics()).allTopicNames().get();
			}
			assertThat(topics).containsKeys(Topics.PAYMENT_COMMANDS, Topics.PAYMENT_EVENTS,
					Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS));
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(4));

			HttpResponse<String> subjects = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(subjects.statusCode()).isEqualTo(200);
			assertThat(subjects.body()).isEqualTo("[]");
		}
	}

}
