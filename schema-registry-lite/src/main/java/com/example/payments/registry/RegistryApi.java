package com.example.payments.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent REST subset over a {@link SchemaStore}: routing, JSON in and out, the
 * error shape, optional basic authentication.
 */
final class RegistryApi implements HttpHandler {

	static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final Logger logger = LoggerFactory.getLogger(RegistryApi.class);

	private static final Set<String> ACCEPTED_CONTENT_TYPES = Set.of(CONTENT_TYPE,
			"application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

	private final ObjectMapper json = new ObjectMapper();

	private final SchemaStore store;

	private final byte[] expectedAuthorization;

	private final Consumer<RecordedRequest> recorder;

	private final AtomicInteger inFlight = new AtomicInteger();

	RegistryApi(SchemaStore store, String expectedAuthorization, Consumer<RecordedRequest> recorder) {
		this.store = store;
		this.expectedAuthorization = (expectedAuthorization != null)
				? expectedAuthorization.getBytes(StandardCharsets.UTF_8) : null;
		this.recorder = recorder;
	}

	/**
	 * How many requests are being answered right now, so shutdown can let them finish.
	 * @return the count
	 */
	int inFlight() {
		return this.inFlight.get();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		this.inFlight.incrementAndGet();
		try {
			answerAndRecord(exchange);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void answerAndRecord(HttpExchange exchange) throws IOException {
		long started = System.nanoTime();
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		Response response;
		try {
			response = answer(exchange);
		}
		catch (RegistryException ex) {
			response = error(ex.httpStatus(), ex.errorCode(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Unexpected failure answering {} {}", method, path, ex);
			response = error(500, 50001, "Unexpected error: " + ex.getMessage());
		}
		int status = response.status();
		// Record before answering, so a client that has its answer can count on the
		// record.
		this.recorder.accept(new RecordedRequest(method, path, exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders().getFirst("Authorization"), status));
		try {
			send(exchange, response);
		}
		finally {
			exchange.close();
		}
		logger.debug("{} {} -> {} ({} ms)", method, path, status, (System.nanoTime() - started) / 1_000_000);
	}

	private Response answer(HttpExchange exchange) throws IOException {
		if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
			return error(401, 40101, "Unauthorized: send valid HTTP basic credentials.");
		}
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		List<String> path = segments(exchange.getRequestURI().getRawPath());
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		Request request = new Request(method, path, query, exchange);
		if (path.isEmpty()) {
			return request.is("GET") ? ok(this.json.createObjectNode()) : methodNotAllowed();
		}
		return switch (path.get(0)) {
			case "subjects" -> subjects(request);
			case "schemas" -> schemas(request);
			case "compatibility" -> compatibility(request);
			case "config" -> config(request);
			default -> notFound();
		};
	}

	private Response subjects(Request request) throws IOException {
		List<String> path = request.path();
		if (path.size() == 1) {
			return request.is("GET") ? ok(strings(this.store.subjects())) : methodNotAllowed();
		}
		String subject = path.get(1);
		if (path.size() == 2) {
			if (request.is("POST")) {
				return ok(describe(this.store.lookup(subject, schemaText(request))));
			}
			if (request.is("DELETE")) {
				return ok(integers(this.store.deleteSubject(subject)));
			}
			return methodNotAllowed();
		}
		if (!path.get(2).equals("versions")) {
			return notFound();
		}
		if (path.size() == 3) {
			if (request.is("GET")) {
				return ok(integers(this.store.versions(subject)));
			}
			if (request.is("POST")) {
				RegisteredSchema registered = this.store.register(subject, schemaText(request));
				return ok(this.json.createObjectNode().put("id", registered.id()));
			}
			return methodNotAllowed();
		}
		Integer version = version(path.get(3));
		if (path.size() == 4) {
			return request.is("GET") ? ok(describe(this.store.version(subject, version))) : methodNotAllowed();
		}
		if (path.size() == 5 && path.get(4).equals("schema")) {
			return request.is("GET") ? ok(this.json.readTree(this.store.version(subject, version).schema()))
					: methodNotAllowed();
		}
		return notFound();
	}

	private Response schemas(Request request) {
		List<String> path = request.path();
		if (path.size() == 2 && path.get(1).equals("types")) {
			return request.is("GET") ? ok(strings(List.of("AVRO"))) : methodNotAllowed();
		}
		if (path.size() < 3 || path.size() > 4 || !path.get(1).equals("ids")) {
			return notFound();
		}
		if (!request.is("GET")) {
			return methodNotAllowed();
		}
		int id = schemaId(path.get(2));
		if (path.size() == 3) {
			return ok(this.json.createObjectNode().put("schema", this.store.schemaById(id)));
		}
		return switch (path.get(3)) {
			case "subjects" -> ok(strings(this.store.subjectsOf(id)));
			case "versions" -> ok(subjectVersions(this.store.versionsOf(id)));
			default -> notFound();
		};
	}

	private Response compatibility(Request request) throws IOException {
		List<String> path = request.path();
		if (path.size() != 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
			return notFound();
		}
		if (!request.is("POST")) {
			return methodNotAllowed();
		}
		List<String> problems = this.store.incompatibilities(path.get(2), version(path.get(4)), schemaText(request));
		ObjectNode body = this.json.createObjectNode().put("is_compatible", problems.isEmpty());
		if (Boolean.parseBoolean(request.query().get("verbose"))) {
			body.set("messages", strings(problems));
		}
		return ok(body);
	}

	private Response config(Request request) throws IOException {
		List<String> path = request.path();
		if (path.size() > 2) {
			return notFound();
		}
		String subject = (path.size() == 2) ? path.get(1) : null;
		if (request.is("GET")) {
			CompatibilityLevel level;
			if (subject == null) {
				level = this.store.globalLevel();
			}
			else {
				boolean defaultToGlobal = Boolean.parseBoolean(request.query().get("defaultToGlobal"));
				level = this.store.subjectLevel(subject)
					.or(() -> defaultToGlobal ? Optional.of(this.store.globalLevel()) : Optional.empty())
					.orElseThrow(() -> RegistryException.subjectLevelConfigNotFound(subject));
			}
			return ok(this.json.createObjectNode().put("compatibilityLevel", level.name()));
		}
		if (request.is("PUT")) {
			JsonNode body = body(request);
			JsonNode requested = body.get("compatibility");
			if (requested == null || !requested.isTextual()) {
				throw RegistryException.invalidCompatibilityLevel(String.valueOf(requested));
			}
			CompatibilityLevel level = CompatibilityLevel.parse(requested.asText());
			if (subject == null) {
				this.store.setGlobalLevel(level);
			}
			else {
				this.store.setSubjectLevel(subject, level);
			}
			return ok(this.json.createObjectNode().put("compatibility", level.name()));
		}
		if (request.is("DELETE") && subject != null) {
			return ok(this.json.createObjectNode()
				.put("compatibilityLevel", this.store.clearSubjectLevel(subject).name()));
		}
		return methodNotAllowed();
	}

	private String schemaText(Request request) throws IOException {
		JsonNode body = body(request);
		JsonNode schemaType = body.get("schemaType");
		if (schemaType != null && !schemaType.isNull() && !"AVRO".equals(schemaType.asText())) {
			throw RegistryException.invalidSchema(
					"schemaType " + schemaType + " is not supported; schema-registry-lite serves AVRO only.");
		}
		JsonNode references = body.get("references");
		if (references != null && references.isArray() && !references.isEmpty()) {
			throw RegistryException.invalidSchema("schema references are not supported by schema-registry-lite.");
		}
		JsonNode schema = body.get("schema");
		if (schema == null || !schema.isTextual()) {
			throw RegistryException
				.invalidSchema("the request needs a \"schema\" field holding the schema as a string.");
		}
		return schema.asText();
	}

	private JsonNode body(Request request) throws IOException {
		String contentType = request.exchange().getRequestHeaders().getFirst("Content-Type");
		if (contentType != null) {
			String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
			if (!ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
				throw new RegistryException(415, 415, "Unsupported Content-Type '" + contentType + "'; send "
						+ CONTENT_TYPE + " or application/json.");
			}
		}
		byte[] bytes;
		try (InputStream in = request.exchange().getRequestBody()) {
			bytes = in.readAllBytes();
		}
		if (bytes.length == 0) {
			throw RegistryException.malformedRequest("the request body is empty; a JSON object is expected.");
		}
		try {
			JsonNode node = this.json.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw RegistryException.malformedRequest("the request body must be a JSON object.");
			}
			return node;
		}
		catch (JsonProcessingException ex) {
			throw RegistryException.malformedRequest("the body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private boolean authorized(String authorization) {
		if (this.expectedAuthorization == null) {
			return true;
		}
		// Constant-time comparison, so response time does not reveal how much of a guess
		// was right.
		return authorization != null
				&& MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), this.expectedAuthorization);
	}

	private static Integer version(String segment) {
		if (segment.equals("latest") || segment.equals("-1")) {
			return null;
		}
		try {
			int version = Integer.parseInt(segment);
			if (version >= 1) {
				return version;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw RegistryException.invalidVersion(segment);
	}

	private static int schemaId(String segment) {
		try {
			return Integer.parseInt(segment);
		}
		catch (NumberFormatException ex) {
			throw new RegistryException(404, 40403, "Schema '" + segment + "' not found: ids are integers.");
		}
	}

	private ObjectNode describe(RegisteredSchema registered) {
		return this.json.createObjectNode()
			.put("subject", registered.subject())
			.put("version", registered.version())
			.put("id", registered.id())
			.put("schema", registered.schema());
	}

	private ArrayNode subjectVersions(List<RegisteredSchema> versions) {
		ArrayNode array = this.json.createArrayNode();
		versions.forEach((registered) -> array.addObject()
			.put("subject", registered.subject())
			.put("version", registered.version()));
		return array;
	}

	private ArrayNode strings(List<String> values) {
		ArrayNode array = this.json.createArrayNode();
		values.forEach(array::add);
		return array;
	}

	private ArrayNode integers(List<Integer> values) {
		ArrayNode array = this.json.createArrayNode();
		values.forEach(array::add);
		return array;
	}

	private Response ok(JsonNode body) {
		return new Response(200, body);
	}

	private Response error(int status, int errorCode, String message) {
		return new Response(status, this.json.createObjectNode().put("error_code", errorCode).put("message", message));
	}

	private Response notFound() {
		return error(404, 404, "HTTP 404 Not Found");
	}

	private Response methodNotAllowed() {
		return error(405, 405, "HTTP 405 Method Not Allowed");
	}

	private void send(HttpExchange exchange, Response response) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(response.body());
		exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
		if (response.status() == 401) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry-lite\"");
		}
		exchange.sendResponseHeaders(response.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static List<String> segments(String rawPath) {
		List<String> segments = new ArrayList<>();
		Arrays.stream(rawPath.split("/"))
			.filter((segment) -> !segment.isEmpty())
			.forEach((segment) -> segments.add(decode(segment)));
		return segments;
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				String[] parts = pair.split("=", 2);
				parameters.put(decode(parts[0]), (parts.length > 1) ? decode(parts[1]) : "true");
			}
		}
		return parameters;
	}

	private static String decode(String segment) {
		// Path segments use percent-encoding only; '+' is a literal plus, not a space.
		return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private record Request(String method, List<String> path, Map<String, String> query, HttpExchange exchange) {

		boolean is(String expected) {
			return this.method.equals(expected);
		}

	}

	private record Response(int status, JsonNode body) {
	}

}
