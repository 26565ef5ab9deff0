package com.example.payments.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises SREs on its management port: liveness and readiness probes
 * and Prometheus metrics tagged with the application's name.
 */
public final class ManagementEndpoints {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ManagementEndpoints() {
	}

	/**
	 * Assert that a running service serves its probes and metrics.
	 * @param managementPort the management port on localhost
	 * @param application the expected {@code application} tag value
	 */
	public static void assertServesProbesAndPrometheus(int managementPort, String application) {
		String base = "http://localhost:" + managementPort + "/actuator";
		assertThat(get(base + "/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get(base + "/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = get(base + "/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"" + application + "\"");
	}

	/**
	 * Assert that a running service becomes ready within a minute and says so because
	 * Kafka and the schema registry answered, not merely because it started. A service
	 * may warm up after it started (resolve its schemas, catch up a local store) and
	 * report not-ready meanwhile.
	 * @param managementPort the management port on localhost
	 */
	public static void assertReadyWithKafkaAndRegistry(int managementPort) {
		String url = "http://localhost:" + managementPort + "/actuator/health/readiness";
		HttpResponse<String> readiness = Awaitility.await("readiness at " + url)
			.atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(url), (answer) -> answer.statusCode() == 200);
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(componentStatus(readiness, "kafka")).as(readiness.body()).isEqualTo("UP");
		assertThat(componentStatus(readiness, "schemaRegistry")).as(readiness.body()).isEqualTo("UP");
	}

	/**
	 * Assert that a running service is not ready (503) because of the named readiness
	 * components, while it stays live: an outage of what it depends on must take it out
	 * of traffic, never get it restarted.
	 * @param managementPort the management port on localhost
	 * @param downComponents the readiness components expected DOWN, e.g. {@code kafka}
	 */
	public static void assertNotReadyButLive(int managementPort, String... downComponents) {
		String base = "http://localhost:" + managementPort + "/actuator/health";
		HttpResponse<String> readiness = get(base + "/readiness");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
		for (String component : downComponents) {
			assertThat(componentStatus(readiness, component)).as(readiness.body()).isEqualTo("DOWN");
		}
		HttpResponse<String> liveness = get(base + "/liveness");
		assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("kafka").doesNotContain("schemaRegistry");
	}

	private static String componentStatus(HttpResponse<String> health, String component) {
		try {
			return JSON.readTree(health.body()).path("components").path(component).path("status").asText("MISSING");
		}
		catch (IOException ex) {
			throw new AssertionError("Not a health document: " + health.body(), ex);
		}
	}

	private static HttpResponse<String> get(String url) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + url + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted during GET " + url, ex);
		}
	}

}
