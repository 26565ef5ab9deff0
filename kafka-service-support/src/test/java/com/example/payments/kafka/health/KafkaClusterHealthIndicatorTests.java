package com.example.payments.kafka.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link KafkaClusterHealthIndicator} where no broker listens (the case with a
 * broker is each service's application IT, on the real broker of test-support).
 */
class KafkaClusterHealthIndicatorTests {

	@Test
	void isDownWithinItsTimeoutWhenNothingListensAtTheBootstrapAddress() throws IOException {
		String address = "localhost:" + unusedPort();
		KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(Map.of("bootstrap.servers", address),
				Duration.ofMillis(500));
		try {
			Health first = indicator.health();
			Health second = indicator.health();

			assertThat(first.getStatus()).isEqualTo(Status.DOWN);
			assertThat(first.getDetails()).containsEntry("bootstrapServers", address).containsKey("error");
			assertThat(second.getStatus()).as("a new admin client answers the next check").isEqualTo(Status.DOWN);
			// No admin client keeps retrying (and logging) in the background between
			// checks.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
					.noneMatch((thread) -> thread.getName().contains("payments-readiness")));
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void isDownWhenTheBootstrapAddressIsNotAnAddress() {
		KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(
				Map.of("bootstrap.servers", "no port here"), Duration.ofMillis(500));
		try {
			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error")).asString().contains("bootstrap");
		}
		finally {
			indicator.destroy();
		}
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("localhost", 0));
			return socket.getLocalPort();
		}
	}

}
