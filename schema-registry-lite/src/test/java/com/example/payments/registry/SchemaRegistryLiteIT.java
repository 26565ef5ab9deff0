package com.example.payments.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaRegistryLiteIT {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

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
	void registersAndReturnsTheSameIdForTheSameSchema() throws Exception {
		Answer first = post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		Answer again = post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		Answer otherSubject = post("/subjects/refunds-value/versions", schemaBody(TestSchemas.ORDER_V1));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
		assertThat(first.body().get("id").asInt()).isEqualTo(1);
		assertThat(again.body().get("id").asInt()).isEqualTo(1);
		assertThat(otherSubject.body().get("id").asInt()).isEqualTo(1);
		assertThat(get("/subjects/orders-value/versions").body()).hasToString("[1]");
	}

	@Test
	void acceptsPlainJsonAndRejectsOtherContentTypes() throws Exception {
		assertThat(send("POST", "/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1), "application/json")
			.status()).isEqualTo(200);

		Answer form = send("POST", "/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1),
				"application/x-www-form-urlencoded");

		assertThat(form.status()).isEqualTo(415);
		assertThat(form.errorCode()).isEqualTo(415);
		assertThat(form.message()).contains("application/vnd.schemaregistry.v1+json");
	}

	@Test
	void looksUpASchemaUnderASubject() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));

		Answer found = post("/subjects/orders-value", schemaBody(TestSchemas.ORDER_V2));
		Answer absentSchema = post("/subjects/orders-value", schemaBody(TestSchemas.ORDER_V3_NO_DEFAULT));
		Answer absentSubject = post("/subjects/nobody-value", schemaBody(TestSchemas.ORDER_V1));

		assertThat(found.body().get("subject").asText()).isEqualTo("orders-value");
		assertThat(found.body().get("version").asInt()).isEqualTo(2);
		assertThat(found.body().get("id").asInt()).isEqualTo(2);
		assertThat(json.readTree(found.body().get("schema").asText())).isEqualTo(json.readTree(TestSchemas.ORDER_V2));
		assertThat(absentSchema.status()).isEqualTo(404);
		assertThat(absentSchema.errorCode()).isEqualTo(40403);
		assertThat(absentSubject.errorCode()).isEqualTo(40401);
		assertThat(absentSubject.message()).isEqualTo("Subject 'nobody-value' not found.");
	}

	@Test
	void servesSchemasByIdAndTheirSubjects() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		post("/subjects/refunds-value/versions", schemaBody(TestSchemas.ORDER_V1));

		Answer schema = get("/schemas/ids/1");
		Answer subjects = get("/schemas/ids/1/subjects");
		Answer unknown = get("/schemas/ids/42");
		Answer notANumber = get("/schemas/ids/abc");

		assertThat(json.readTree(schema.body().get("schema").asText())).isEqualTo(json.readTree(TestSchemas.ORDER_V1));
		assertThat(subjects.body()).hasToString("[\"orders-value\",\"refunds-value\"]");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo(40403);
		assertThat(unknown.message()).contains("42");
		assertThat(notANumber.errorCode()).isEqualTo(40403);
		assertThat(get("/schemas/ids/42/subjects").errorCode()).isEqualTo(40403);
		assertThat(get("/schemas/ids/1/versions").body()).hasToString(
				"[{\"subject\":\"orders-value\",\"version\":1},{\"subject\":\"refunds-value\",\"version\":1}]");
		assertThat(get("/schemas/ids/42/versions").errorCode()).isEqualTo(40403);
		assertThat(get("/schemas/types").body()).hasToString("[\"AVRO\"]");
	}

	@Test
	void listsSubjectsAndServesVersions() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));
		post("/subjects/a%3Aweird+name/versions", schemaBody(TestSchemas.ORDER_V1));

		assertThat(get("/subjects").body()).hasToString("[\"a:weird+name\",\"orders-value\"]");
		assertThat(get("/subjects/orders-value/versions").body()).hasToString("[1,2]");
		Answer latest = get("/subjects/orders-value/versions/latest");
		assertThat(latest.body().get("version").asInt()).isEqualTo(2);
		assertThat(latest.body().get("id").asInt()).isEqualTo(2);
		assertThat(get("/subjects/orders-value/versions/-1").body().get("version").asInt()).isEqualTo(2);
		assertThat(get("/subjects/orders-value/versions/1").body().get("id").asInt()).isEqualTo(1);
		assertThat(get("/subjects/orders-value/versions/1/schema").body())
			.isEqualTo(json.readTree(TestSchemas.ORDER_V1));
	}

	@Test
	void answersConfluentErrorCodesForMissingSubjectsAndVersions() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));

		assertThat(get("/subjects/nobody-value/versions").errorCode()).isEqualTo(40401);
		assertThat(get("/subjects/nobody-value/versions/latest").errorCode()).isEqualTo(40401);
		Answer missingVersion = get("/subjects/orders-value/versions/7");
		assertThat(missingVersion.status()).isEqualTo(404);
		assertThat(missingVersion.errorCode()).isEqualTo(40402);
		Answer invalidVersion = get("/subjects/orders-value/versions/first");
		assertThat(invalidVersion.status()).isEqualTo(422);
		assertThat(invalidVersion.errorCode()).isEqualTo(42202);
		assertThat(get("/subjects/orders-value/versions/0").errorCode()).isEqualTo(42202);
	}

	@Test
	void rejectsIncompatibleSchemaUnderBackwardWith409() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));

		Answer rejected = post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V3_NO_DEFAULT));

		assertThat(rejected.status()).isEqualTo(409);
		assertThat(rejected.errorCode()).isEqualTo(409);
		assertThat(rejected.message()).contains("incompatible").contains("orders-value").contains("currency");
		assertThat(get("/subjects/orders-value/versions").body()).hasToString("[1]");
	}

	@Test
	void acceptsTheIncompatibleSchemaOnceTheSubjectIsSetToNone() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));

		Answer set = put("/config/orders-value", "{\"compatibility\":\"NONE\"}");
		Answer accepted = post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V3_NO_DEFAULT));

		assertThat(set.body()).hasToString("{\"compatibility\":\"NONE\"}");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.body().get("id").asInt()).isEqualTo(2);
	}

	@Test
	void testsCompatibilityWithoutRegistering() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));

		Answer compatible = post("/compatibility/subjects/orders-value/versions/latest",
				schemaBody(TestSchemas.ORDER_V2));
		Answer incompatible = post("/compatibility/subjects/orders-value/versions/latest?verbose=true",
				schemaBody(TestSchemas.ORDER_V3_NO_DEFAULT));
		Answer againstVersion = post("/compatibility/subjects/orders-value/versions/1",
				schemaBody(TestSchemas.ORDER_V2));
		Answer unknownSubject = post("/compatibility/subjects/nobody-value/versions/latest",
				schemaBody(TestSchemas.ORDER_V1));

		assertThat(compatible.body()).hasToString("{\"is_compatible\":true}");
		assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
		assertThat(incompatible.body().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
		assertThat(againstVersion.body().get("is_compatible").asBoolean()).isTrue();
		assertThat(unknownSubject.body().get("is_compatible").asBoolean()).isTrue();
		assertThat(
				post("/compatibility/subjects/orders-value/versions/9", schemaBody(TestSchemas.ORDER_V2)).errorCode())
			.isEqualTo(40402);
		assertThat(get("/subjects/orders-value/versions").body()).hasToString("[1,2]");
	}

	@Test
	void readsAndWritesGlobalAndSubjectCompatibility() throws Exception {
		assertThat(get("/config").body()).hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");

		assertThat(put("/config", "{\"compatibility\":\"full_transitive\"}").body())
			.hasToString("{\"compatibility\":\"FULL_TRANSITIVE\"}");
		assertThat(get("/config").body()).hasToString("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

		Answer notSet = get("/config/orders-value");
		assertThat(notSet.status()).isEqualTo(404);
		assertThat(notSet.errorCode()).isEqualTo(40408);
		assertThat(get("/config/orders-value?defaultToGlobal=true").body())
			.hasToString("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

		put("/config/orders-value", "{\"compatibility\":\"FORWARD\"}");
		assertThat(get("/config/orders-value").body()).hasToString("{\"compatibilityLevel\":\"FORWARD\"}");
		assertThat(send("DELETE", "/config/orders-value", null, null).body())
			.hasToString("{\"compatibilityLevel\":\"FORWARD\"}");
		assertThat(get("/config/orders-value").errorCode()).isEqualTo(40408);
	}

	@Test
	void rejectsInvalidCompatibilityLevels() throws Exception {
		Answer unknown = put("/config", "{\"compatibility\":\"SIDEWAYS\"}");
		Answer missing = put("/config/orders-value", "{\"compatibilityLevel\":\"FULL\"}");

		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.errorCode()).isEqualTo(42203);
		assertThat(missing.errorCode()).isEqualTo(42203);
		assertThat(get("/config").body()).hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");
	}

	@Test
	void rejectsInvalidSchemasOtherSchemaTypesAndReferences() throws Exception {
		Answer invalid = post("/subjects/orders-value/versions", schemaBody("{\"type\":\"record\",\"name\":\"X\"}"));
		Answer protobuf = post("/subjects/orders-value/versions",
				"{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
		Answer references = post("/subjects/orders-value/versions", "{\"schema\":" + quote(TestSchemas.ORDER_V1)
				+ ",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
		Answer noSchema = post("/subjects/orders-value/versions", "{\"schemaType\":\"AVRO\"}");

		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.errorCode()).isEqualTo(42201);
		assertThat(invalid.message()).startsWith("Invalid schema");
		assertThat(protobuf.errorCode()).isEqualTo(42201);
		assertThat(protobuf.message()).contains("PROTOBUF");
		assertThat(references.errorCode()).isEqualTo(42201);
		assertThat(noSchema.errorCode()).isEqualTo(42201);
		assertThat(post("/subjects/orders-value/versions",
				"{\"schemaType\":\"AVRO\",\"schema\":" + quote(TestSchemas.ORDER_V1) + "}")
			.status()).isEqualTo(200);
	}

	@Test
	void answersMalformedJsonWith400AndAUsefulMessage() throws Exception {
		Answer malformed = post("/subjects/orders-value/versions", "{\"schema\": ");
		Answer empty = post("/subjects/orders-value/versions", "");
		Answer array = post("/subjects/orders-value/versions", "[]");

		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.errorCode()).isEqualTo(400);
		assertThat(malformed.message()).contains("not valid JSON");
		assertThat(empty.message()).contains("empty");
		assertThat(array.message()).contains("JSON object");
	}

	@Test
	void answersUnknownPathsWith404AndWrongMethodsWith405() throws Exception {
		Answer unknown = get("/nothing/here");
		Answer wrongMethod = send("DELETE", "/schemas/ids/1", null, null);

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo(404);
		assertThat(get("/subjects/x/nothing").status()).isEqualTo(404);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.errorCode()).isEqualTo(405);
		assertThat(get("/").body()).hasToString("{}");
	}

	@Test
	void deletesASubject() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V2));
		put("/config/orders-value", "{\"compatibility\":\"NONE\"}");

		Answer deleted = send("DELETE", "/subjects/orders-value", null, null);

		assertThat(deleted.body()).hasToString("[1,2]");
		assertThat(get("/subjects").body()).hasToString("[]");
		assertThat(get("/schemas/ids/2").status()).isEqualTo(200);
		assertThat(send("DELETE", "/subjects/orders-value", null, null).errorCode()).isEqualTo(40401);
		assertThat(get("/config/orders-value").errorCode()).as("the subject's own level went with it").isEqualTo(40408);
	}

	@Test
	void answersStoreErrorsWith50001(@TempDir Path dir) throws Exception {
		Path notADirectory = java.nio.file.Files.writeString(dir.resolve("file"), "x");
		try (SchemaRegistryLite broken = SchemaRegistryLite.builder().dataDir(notADirectory).start()) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(broken.url() + "/config"))
				.PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(json.readTree(response.body()).get("error_code").asInt()).isEqualTo(50001);
		}
	}

	@Test
	void keepsIdsAcrossRestartsWithADataDirectory(@TempDir Path dir) throws Exception {
		try (SchemaRegistryLite first = SchemaRegistryLite.builder().dataDir(dir).start()) {
			register(first, TestSchemas.ORDER_V1);
			register(first, TestSchemas.ORDER_V2);
		}
		try (SchemaRegistryLite second = SchemaRegistryLite.builder().dataDir(dir).start()) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(second.url() + "/schemas/ids/2")).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(json.readTree(json.readTree(response.body()).get("schema").asText()))
				.isEqualTo(json.readTree(TestSchemas.ORDER_V2));
		}
	}

	@Test
	void requiresBasicAuthWhenConfiguredAndRecordsTheHeader() throws Exception {
		try (SchemaRegistryLite secured = SchemaRegistryLite.builder().basicAuth("sr-user", "sr-secret").start()) {
			String good = "Basic "
					+ Base64.getEncoder().encodeToString("sr-user:sr-secret".getBytes(StandardCharsets.UTF_8));
			String bad = "Basic "
					+ Base64.getEncoder().encodeToString("sr-user:guess".getBytes(StandardCharsets.UTF_8));

			HttpResponse<String> anonymous = this.http.send(
					HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> wrong = this.http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
				.header("Authorization", bad)
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> right = this.http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
				.header("Authorization", good)
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(json.readTree(anonymous.body()).get("error_code").asInt()).isEqualTo(40101);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
			assertThat(wrong.statusCode()).isEqualTo(401);
			assertThat(right.statusCode()).isEqualTo(200);
			assertThat(secured.recordedRequests()).extracting(RecordedRequest::authorization)
				.containsExactly(null, bad, good);
			assertThat(secured.recordedRequests()).extracting(RecordedRequest::status).containsExactly(401, 401, 200);
		}
	}

	@Test
	void recordsRequestsForTestsToCount() throws Exception {
		post("/subjects/orders-value/versions", schemaBody(TestSchemas.ORDER_V1));
		get("/schemas/ids/1?fetchMaxId=false");

		assertThat(this.registry.recordedRequests())
			.extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::query)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/orders-value/versions", null),
					org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/1", "fetchMaxId=false"));
		this.registry.clearRecordedRequests();
		assertThat(this.registry.recordedRequests()).isEmpty();
	}

	@Test
	void startsAsAProcessFromItsMainMethodOptions() {
		// The launcher and the builder share LaunchOptions; binding a random port proves
		// the wiring.
		LaunchOptions options = LaunchOptions.parse(new String[] { "--port", "0", "--compatibility", "NONE" });
		try (SchemaRegistryLite fromOptions = SchemaRegistryLite.builder()
			.host(options.host())
			.port(options.port())
			.compatibility(options.compatibility())
			.start()) {
			assertThat(fromOptions.port()).isPositive();
			assertThat(fromOptions.url()).startsWith("http://127.0.0.1:");
			assertThat(fromOptions.store().globalLevel()).isEqualTo(CompatibilityLevel.NONE);
		}
	}

	private void register(SchemaRegistryLite target, String schema) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(target.url() + "/subjects/orders-value/versions"))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(HttpRequest.BodyPublishers.ofString(schemaBody(schema)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private static String schemaBody(String schema) throws Exception {
		return "{\"schema\":" + quote(schema) + "}";
	}

	private static String quote(String text) throws Exception {
		return json.writeValueAsString(text);
	}

	private Answer get(String path) throws Exception {
		return send("GET", path, null, null);
	}

	private Answer post(String path, String body) throws Exception {
		return send("POST", path, body, "application/vnd.schemaregistry.v1+json");
	}

	private Answer put(String path, String body) throws Exception {
		return send("PUT", path, body, "application/vnd.schemaregistry.v1+json");
	}

	private Answer send(String method, String path, String body, String contentType) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.registry.url() + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), json.readTree(response.body()),
				response.headers().firstValue("Content-Type").orElse(null));
	}

	private record Answer(int status, JsonNode body, String contentType) {

		int errorCode() {
			return this.body.path("error_code").asInt();
		}

		String message() {
			return this.body.path("message").asText();
		}

		String header(String name) {
			return name.equals("Content-Type") ? this.contentType : null;
		}

	}

}
