package com.example.payments.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls no honest Vipps makes: broken, oversized and forged ones. None becomes a 5xx or
 * an event; each gets a JSON error body that says what is wrong, and is counted by
 * reason.
 */
@ExtendWith(KafkaTestEnvironment.class)
class HostileCallsIT {

	private static final String MSN = IngestService.MSN;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static IngestService ingest;

	@BeforeAll
	static void start(KafkaTestEnvironment.Environment kafka) {
		// Behind a load balancer: the caller's address from X-Forwarded-For, and only
		// loopback may remove consents.
		ingest = IngestService.start(kafka, "ingest-hostile", "server.forward-headers-strategy=framework",
				"ingest.consent.allowed-sources=127.0.0.0/8,::1", "ingest.max-body-size=4KB");
	}

	@AfterAll
	static void stop() {
		if (ingest != null) {
			ingest.close();
		}
	}

	@Test
	void refusesBrokenCallbacksWithWhatIsWrong() {
		String orderId = SimulatedVipps.newOrderId("broken");
		assertAnswer(postCallback(orderId, token(orderId), "{\"merchantSerialNumber\": 123456"), 400, "malformed_body",
				"not JSON");
		assertAnswer(postCallback(orderId, token(orderId), ""), 400, "malformed_body", "no body");
		assertAnswer(
				postCallback(orderId, token(orderId),
						MalformedCallbacks.valid(orderId).replace("\"amount\":20000", "\"amount\":\"a lot\"")),
				400, "invalid_body", "transactionInfo.amount must be an integer");
		assertAnswer(
				postCallback(orderId, token(orderId),
						MalformedCallbacks.valid(orderId).replace("RESERVE", "RESERVING")),
				400, "unknown_status", "'RESERVING'");
		assertAnswer(postCallback(orderId, token(orderId), MalformedCallbacks.valid("another-order")), 400,
				"order_id_mismatch", "orderId");
		assertAnswer(postCallback(orderId, null, MalformedCallbacks.valid(orderId)), 401, "missing_token",
				"Authorization");
		assertAnswer(postCallback(orderId, token("another-order"), MalformedCallbacks.valid(orderId)), 401,
				"wrong_token", "authToken");
		assertNoEvents(orderId);
	}

	@Test
	void refusesBodiesOverTheLimitDeclaredOrStreamed() {
		String orderId = SimulatedVipps.newOrderId("large");
		String large = MalformedCallbacks.valid(orderId)
			.replace("\"userDetails\":{", "\"padding\":\"" + "x".repeat(8000) + "\",\"userDetails\":{");
		assertAnswer(postCallback(orderId, token(orderId), large), 413, "too_large", "4096 bytes");
		HttpRequest chunked = HttpRequest.newBuilder(URI.create(ingest.callbackPrefix() + "/v2/payments/" + orderId))
			.header("Authorization", token(orderId))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8))))
			.build();
		assertAnswer(send(chunked), 413, "too_large", "4096 bytes");
		assertNoEvents(orderId);
	}

	@Test
	void servesThePathsAPrefixWithATrailingSlashProduces() {
		String orderId = SimulatedVipps.newOrderId("double-slash");
		HttpResponse<String> answer = send(
				HttpRequest.newBuilder(URI.create(ingest.callbackPrefix() + "//v2/payments/" + orderId))
					.header("Authorization", token(orderId))
					.POST(HttpRequest.BodyPublishers.ofString(MalformedCallbacks.valid(orderId)))
					.build());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(ingest.events().catchUp().valuesOf(MSN + ":" + orderId)).hasSize(3);
	}

	@Test
	void refusesShippingDetailsCallsWithoutThePaymentsToken() {
		String orderId = SimulatedVipps.newOrderId("shipping");
		String body = "{\"addressId\":100,\"postCode\":\"0154\",\"country\":\"NO\"}";
		assertAnswer(postShipping(orderId, null, body), 401, "missing_token", "Authorization");
		// No rules and no configured MSN: no payment this token could belong to.
		assertAnswer(postShipping(orderId, token(orderId), body), 401, "wrong_token", "authToken");
	}

	@Test
	void refusesConsentRemovalsWithoutTheSecretOrFromElsewhere() {
		String wrongSecret = ingest.baseUrl() + "/vipps/consents/notTheSecret0123456789abcdefABCDEFGH/v2/consents/u1";
		assertAnswer(send(HttpRequest.newBuilder(URI.create(wrongSecret)).DELETE().build()), 401, "wrong_secret",
				"secret");
		URI right = URI.create(ingest.consentRemovalPrefix() + "/v2/consents/u1");
		assertAnswer(send(HttpRequest.newBuilder(right).header("X-Forwarded-For", "203.0.113.7").DELETE().build()), 403,
				"source_not_allowed", "Vipps addresses");
		assertAnswer(send(HttpRequest.newBuilder(URI.create(ingest.consentRemovalPrefix() + "/v2/consents/a%20b"))
			.DELETE()
			.build()), 400, "invalid_user_id", "userId");
		try (TopicReader<?> consents = ingest.consents()) {
			assertThat(consents.catchUp().all()).isEmpty();
		}
		assertThat(send(HttpRequest.newBuilder(right).DELETE().build()).statusCode()).isEqualTo(200);
	}

	@Test
	void answersThousandsOfGeneratedMalformedCallbacksWithoutA5xxOrAnEvent() {
		MalformedCallbacks bodies = new MalformedCallbacks(9L);
		Map<Integer, Integer> statuses = new HashMap<>();
		double refusedBefore = Prometheus.value(ingest.managementPort(), "ingest_refused_total",
				"endpoint=\"callback\"");
		int count = 3000;
		for (int i = 0; i < count; i++) {
			String orderId = "fuzz-" + i;
			byte[] body = bodies.next(orderId);
			HttpResponse<String> answer = send(
					HttpRequest.newBuilder(URI.create(ingest.callbackPrefix() + "/v2/payments/" + orderId))
						.header("Authorization", token(orderId))
						.header("Content-Type", "application/json;charset=UTF-8")
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))
						.build());
			assertThat(answer.statusCode()).as("%s: %s", new String(body, StandardCharsets.UTF_8), answer.body())
				.isIn(400, 401, 413);
			assertThat(answer.body()).contains("\"error\":", "\"message\":");
			statuses.merge(answer.statusCode(), 1, Integer::sum);
		}
		assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
		assertThat(ingest.events().catchUp().values((record) -> record.key().contains(":fuzz-"))).isEmpty();
		assertThat(Prometheus.value(ingest.managementPort(), "ingest_refused_total", "endpoint=\"callback\""))
			.isEqualTo(refusedBefore + count);
	}

	private static void assertNoEvents(String orderId) {
		try (TopicReader<PaymentEvent> events = ingest.events()) {
			assertThat(events.catchUp().valuesOf(MSN + ":" + orderId)).isEmpty();
		}
	}

	private static void assertAnswer(HttpResponse<String> answer, int status, String error, String message) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(answer.body()).contains("\"error\":\"" + error + "\"").contains(message);
	}

	private static HttpResponse<String> postCallback(String orderId, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(ingest.callbackPrefix() + "/v2/payments/" + orderId))
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	private static HttpResponse<String> postShipping(String orderId, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(ingest.shippingDetailsPrefix() + "/v2/payments/" + orderId + "/shippingDetails"))
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	private static String token(String orderId) {
		return IngestService.TOKENS.tokenFor(MSN, orderId);
	}

}
