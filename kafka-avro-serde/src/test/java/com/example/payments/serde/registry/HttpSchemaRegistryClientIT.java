package com.example.payments.serde.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.example.payments.registry.CompatibilityLevel;
import com.example.payments.registry.RecordedRequest;
import com.example.payments.registry.SchemaRegistryLite;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSchemaRegistryClientIT {

	private static final Schema V1 = SchemaBuilder.record("Order")
		.namespace("test")
		.fields()
		.requiredString("id")
		.endRecord();

	private static final Schema V2_NO_DEFAULT = SchemaBuilder.record("Order")
		.namespace("test")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.endRecord();

	private SchemaRegistryLite registry;

	@BeforeEach
	void start() {
		this.registry = SchemaRegistryLite.start(0);
	}

	@AfterEach
	void stop() {
		this.registry.close();
	}

	@Test
	void registersLooksUpAndFetches() {
		SchemaRegistryClient client = client(Map.of("schema.registry.url", this.registry.url()));

		int id = client.register("orders-value", V1);
		RegisteredSchema found = client.lookup("orders-value", V1);
		RegisteredSchema latest = client.latestVersion("orders-value");

		assertThat(id).isEqualTo(1);
		assertThat(found).isEqualTo(new RegisteredSchema("orders-value", 1, 1, V1));
		assertThat(latest).isEqualTo(found);
		assertThat(client.schemaById(1)).isEqualTo(V1);
	}

	@Test
	void encodesSubjectsInThePath() {
		SchemaRegistryClient client = client(Map.of("schema.registry.url", this.registry.url()));

		client.register("odd subject/with+signs", V1);

		assertThat(this.registry.store().subjects()).containsExactly("odd subject/with+signs");
	}

	@Test
	void decodesConfluentErrorsIntoTypedExceptions() {
		SchemaRegistryClient client = client(Map.of("schema.registry.url", this.registry.url()));
		client.register("orders-value", V1);

		assertThatThrownBy(() -> client.schemaById(42)).isInstanceOfSatisfying(SchemaNotFoundException.class, (ex) -> {
			assertThat(ex.httpStatus()).isEqualTo(404);
			assertThat(ex.errorCode()).isEqualTo(40403);
		}).hasMessageContaining(this.registry.url()).hasMessageContaining("schema id 42");
		assertThatThrownBy(() -> client.lookup("nobody-value", V1))
			.isInstanceOfSatisfying(SchemaNotFoundException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40401))
			.hasMessageContaining("nobody-value");
		assertThatThrownBy(() -> client.register("orders-value", V2_NO_DEFAULT))
			.isInstanceOf(IncompatibleSchemaException.class)
			.hasMessageContaining("orders-value")
			.hasMessageContaining("amount");
	}

	@Test
	void registersTheSameChangeWhenTheSubjectAllowsIt() {
		SchemaRegistryClient client = client(Map.of("schema.registry.url", this.registry.url()));
		client.register("orders-value", V1);
		this.registry.store().setSubjectLevel("orders-value", CompatibilityLevel.NONE);

		assertThat(client.register("orders-value", V2_NO_DEFAULT)).isEqualTo(2);
	}

	@Test
	void sendsUserInfoCredentialsAsBasicAuth() {
		try (SchemaRegistryLite secured = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			SchemaRegistryClient client = client(Map.of("schema.registry.url", secured.url(),
					"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:sr-secret"));

			assertThat(client.register("orders-value", V1)).isEqualTo(1);

			assertThat(secured.recordedRequests()).extracting(RecordedRequest::authorization)
				.containsExactly("Basic "
						+ Base64.getEncoder().encodeToString("sr-user:sr-secret".getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void sendsCredentialsFromTheUrl() {
		try (SchemaRegistryLite secured = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			String url = secured.url().replace("http://", "http://sr-user:sr-secret@");
			SchemaRegistryClient client = client(Map.of("schema.registry.url", url));

			assertThat(client.register("orders-value", V1)).isEqualTo(1);
		}
	}

	@Test
	void reportsRefusedCredentialsWithoutRevealingThem() {
		try (SchemaRegistryLite secured = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			SchemaRegistryClient client = client(Map.of("schema.registry.url", secured.url(),
					"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:wrong-guess"));

			assertThatThrownBy(() -> client.register("orders-value", V1))
				.isInstanceOfSatisfying(RegistryAccessDeniedException.class, (ex) -> {
					assertThat(ex.httpStatus()).isEqualTo(401);
					assertThat(ex.errorCode()).isEqualTo(40101);
				})
				.hasMessageNotContaining("wrong-guess");
		}
	}

	@Test
	void reportsAnUnreachableRegistryNamingEveryUrlTried() {
		String down1 = stoppedRegistryUrl();
		String down2 = stoppedRegistryUrl();
		SchemaRegistryClient client = client(Map.of("schema.registry.url", down1 + "," + down2));

		assertThatThrownBy(() -> client.register("orders-value", V1))
			.isInstanceOfSatisfying(RegistryUnreachableException.class,
					(ex) -> assertThat(ex.urlsTried()).containsExactly(down1, down2))
			.hasMessageContaining(down1)
			.hasMessageContaining(down2)
			.hasMessageContaining("POST /subjects/orders-value/versions");
	}

	@Test
	void failsOverToTheNextUrlWhenOneIsDown() {
		SchemaRegistryClient client = client(
				Map.of("schema.registry.url", stoppedRegistryUrl() + "," + this.registry.url()));

		assertThat(client.register("orders-value", V1)).isEqualTo(1);
	}

	@Test
	void failsOverWhenARegistryDoesNotAnswerInTime() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		silent.createContext("/", (exchange) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		silent.start();
		try {
			String silentUrl = "http://127.0.0.1:" + silent.getAddress().getPort();
			SchemaRegistryClient client = client(Map.of("schema.registry.url", silentUrl + "," + this.registry.url(),
					"http.read.timeout.ms", "300"));

			assertThat(client.register("orders-value", V1)).isEqualTo(1);
		}
		finally {
			release.countDown();
			silent.stop(0);
		}
	}

	@Test
	void failsOverWhenARegistryAnswersThatItCannotServeNow() throws IOException {
		for (int status : new int[] { 500, 503, 408, 429 }) {
			HttpServer unavailable = answering(status);
			try {
				SchemaRegistryClient client = client(
						Map.of("schema.registry.url", urlOf(unavailable) + "," + this.registry.url()));

				assertThat(client.register("orders-value", V1)).as("after HTTP %d", status).isEqualTo(1);
			}
			finally {
				unavailable.stop(0);
			}
		}
	}

	@Test
	void reportsEveryUrlAnsweringNotNowAsUnreachable() throws IOException {
		HttpServer restarting = answering(503);
		HttpServer throttling = answering(429);
		try {
			SchemaRegistryClient client = client(
					Map.of("schema.registry.url", urlOf(restarting) + "," + urlOf(throttling)));

			assertThatThrownBy(() -> client.schemaById(7))
				.isInstanceOfSatisfying(RegistryUnreachableException.class, (ex) -> {
					assertThat(ex.httpStatus()).isEqualTo(429);
					assertThat(ex.urlsTried()).containsExactly(urlOf(restarting), urlOf(throttling));
				})
				.hasMessageContaining("HTTP 503")
				.hasMessageContaining("HTTP 429")
				.hasMessageContaining("GET /schemas/ids/7");
		}
		finally {
			restarting.stop(0);
			throttling.stop(0);
		}
	}

	@Test
	void reportsAForbiddenAnswerAsAccessDeniedWithoutTryingFurther() throws IOException {
		HttpServer forbidding = answering(403);
		try {
			SchemaRegistryClient client = client(
					Map.of("schema.registry.url", urlOf(forbidding) + "," + this.registry.url()));

			assertThatThrownBy(() -> client.register("orders-value", V1)).isInstanceOfSatisfying(
					RegistryAccessDeniedException.class, (ex) -> assertThat(ex.httpStatus()).isEqualTo(403));
			assertThat(this.registry.recordedRequests()).isEmpty();
		}
		finally {
			forbidding.stop(0);
		}
	}

	@Test
	void tellsWhetherASubjectExists() {
		SchemaRegistryClient client = client(Map.of("schema.registry.url", this.registry.url()));
		client.register("orders-value", V1);

		assertThat(client.hasSubject("orders-value")).isTrue();
		assertThat(client.hasSubject("refunds-value")).isFalse();
	}

	@Test
	void cachesSoEachSchemaCostsOneRequest() {
		SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", this.registry.url()));

		for (int i = 0; i < 50; i++) {
			client.register("orders-value", V1);
			client.schemaById(1);
		}

		assertThat(this.registry.recordedRequests()).extracting(RecordedRequest::path)
			.containsExactly("/subjects/orders-value/versions");
	}

	private static SchemaRegistryClient client(Map<String, ?> configs) {
		return new HttpSchemaRegistryClient(RegistryClientConfig.parse(configs));
	}

	// A stand-in for a registry instance (or the proxy before it) that answers every
	// request with one status and a Confluent-shaped error body.
	private static HttpServer answering(int status) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] body = ("{\"error_code\":" + status + ",\"message\":\"status " + status + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static String urlOf(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static String stoppedRegistryUrl() {
		SchemaRegistryLite stopped = SchemaRegistryLite.start(0);
		stopped.close();
		return stopped.url();
	}

}
