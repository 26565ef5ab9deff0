package com.example.payments.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ManagementEndpoints;
import com.example.payments.testsupport.kafka.EmbeddedKraftBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When Kafka cannot take a callback's events, the callback is answered 503 within the
 * publishing budget (well inside Vipps' 3 seconds), counted, and left to reconciliation;
 * a callback whose events would exceed the records allowed to wait for Kafka is refused
 * at once instead of filling the producer's buffer. The broker here is the test's own,
 * stopped mid-test. Before its topics and schemas are resolved it is not ready and
 * refuses callbacks at once, so the first one never waits on the registry.
 */
@ExtendWith(KafkaTestEnvironment.class)
class KafkaUnavailableIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void answers503WithinTheBudgetWhenKafkaIsGone(KafkaTestEnvironment.Environment kafka) {
		String name = "ingest-unavailable";
		EmbeddedKraftBroker broker = EmbeddedKraftBroker.start(0);
		boolean stopped = false;
		try {
			broker.createTopics(1, name + ".events", name + ".consents", name + ".shipping-rules");
			try (IngestService ingest = IngestService
				.startWithoutTopics(kafka, name, "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"ingest.publishing.timeout=500ms", "ingest.publishing.max-pending-records=2")
				.awaitReady()) {
				assertThat(postCallback(ingest, SimulatedVipps.newOrderId("before"), false).statusCode())
					.isEqualTo(200);
				// An express callback is three events: more than may wait for Kafka here.
				HttpResponse<String> overloaded = postCallback(ingest, SimulatedVipps.newOrderId("express"), true);
				assertThat(overloaded.statusCode()).isEqualTo(503);
				assertThat(overloaded.body()).contains("\"error\":\"unavailable_overloaded\"");

				broker.close();
				stopped = true;

				for (int i = 0; i < 3; i++) {
					long started = System.nanoTime();
					HttpResponse<String> answer = postCallback(ingest, SimulatedVipps.newOrderId("during"), false);
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
					// Records wait for the broker until the budget ends, or fail at once
					// once the producer has lost the topic's metadata (it never waits
					// for it): either way a fast 503.
					assertThat(answer.body()).containsAnyOf("\"error\":\"unavailable_timeout\"",
							"\"error\":\"unavailable_kafka_error\"");
					assertThat(took).as("Vipps waits 3 s").isLessThan(Duration.ofSeconds(3));
				}
				assertThat(
						Prometheus.value(ingest.managementPort(), "ingest_unavailable_total", "endpoint=\"callback\""))
					.isEqualTo(4);
				assertThat(Prometheus.value(ingest.managementPort(), "ingest_callbacks_total", "status=\"RESERVED\"",
						"outcome=\"unavailable\""))
					.isEqualTo(4);
			}
		}
		finally {
			if (!stopped) {
				broker.close();
			}
		}
	}

	@Test
	void isNotReadyAndRefusesCallbacksUntilItsTopicsAndSchemasAreResolved(KafkaTestEnvironment.Environment kafka) {
		String name = "ingest-warm-up";
		try (IngestService ingest = IngestService.startWithoutTopics(kafka, name)) {
			// No topics yet: the warm-up cannot resolve their metadata, so neither the
			// publisher nor the shipping-rules store is ready.
			await("eventPublishing and shippingRules DOWN").atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> ManagementEndpoints.assertNotReadyButLive(ingest.managementPort(),
						"eventPublishing", "shippingRules"));
			HttpResponse<String> early = postCallback(ingest, SimulatedVipps.newOrderId("early"), false);
			assertThat(early.statusCode()).as(early.body()).isEqualTo(503);
			assertThat(early.body()).contains("\"error\":\"unavailable_not_ready\"");

			kafka.broker().createTopics(1, name + ".events", name + ".consents", name + ".shipping-rules");
			ingest.awaitReady();
			assertThat(postCallback(ingest, SimulatedVipps.newOrderId("ready"), false).statusCode()).isEqualTo(200);
			assertThat(Prometheus.value(ingest.managementPort(), "ingest_unavailable_total", "endpoint=\"callback\"",
					"cause=\"not_ready\""))
				.isEqualTo(1);
		}
	}

	private static HttpResponse<String> postCallback(IngestService ingest, String orderId, boolean express) {
		String body = express ? MalformedCallbacks.valid(orderId)
				: "{\"merchantSerialNumber\":123456,\"orderId\":\"" + orderId
						+ "\",\"transactionInfo\":{\"amount\":20000,\"status\":\"RESERVED\","
						+ "\"timeStamp\":\"2026-12-01T10:00:00.000Z\"}}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(ingest.callbackPrefix() + "/v2/payments/" + orderId))
			.header("Authorization", IngestService.TOKENS.tokenFor(IngestService.MSN, orderId))
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("POST " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
