package com.example.payments.kafka.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.example.payments.registry.SchemaRegistryLite;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchemaRegistryHealthIndicator} against a real registry over HTTP.
 */
class SchemaRegistryHealthIndicatorIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void isUpWhenTheRegistryAnswersWithOurCredentials() {
		try (SchemaRegistryLite registry = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			Health health = check(Map.of("schema.registry.url", registry.url(), "basic.auth.credentials.source",
					"USER_INFO", "basic.auth.user.info", "sr-user:sr-secret"));

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("url", registry.url());
			assertThat(registry.recordedRequests()).extracting((request) -> request.path())
				.containsExactly(SchemaRegistryHealthIndicator.PROBE_PATH);
		}
	}

	@Test
	void isDownWhenTheRegistryRefusesOurCredentialsAndNeverShowsThem() {
		try (SchemaRegistryLite registry = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			Health health = check(
					Map.of("schema.registry.url", "http://sr-user:wrong-secret@127.0.0.1:" + registry.port()));

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().toString()).contains("HTTP 401", "refuses our credentials")
				.doesNotContain("wrong-secret")
				.doesNotContain("sr-user");
		}
	}

	@Test
	void isDownWhenTheRegistryIsStopped() {
		SchemaRegistryLite registry = SchemaRegistryLite.start(0);
		String url = registry.url();
		registry.close();

		Health health = check(Map.of("schema.registry.url", url));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("failures")).asString().contains(url);
	}

	@Test
	void isUpWhenALaterUrlAnswersAfterAnEarlierOneCannotBeReached() throws IOException {
		try (SchemaRegistryLite registry = SchemaRegistryLite.start(0)) {
			String nobody = "http://127.0.0.1:" + unusedPort();

			Health health = check(Map.of("schema.registry.url", nobody + "," + registry.url()));

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("url", registry.url());
		}
	}

	@Test
	void isDownAndSaysWhatIsMissingWhenNoRegistryIsConfigured() {
		Health health = check(Map.of());

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).asString().contains("schema.registry.url");
	}

	private static Health check(Map<String, ?> config) {
		return new SchemaRegistryHealthIndicator(config, TIMEOUT).health();
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

}
