package com.example.payments.serde.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over HTTP with {@link HttpClient}. Tries the configured
 * URLs in order while one cannot be reached or answers that it cannot serve now (5xx,
 * 408, 429); any other answer, even an error, is final. Caches nothing: wrap it in
 * {@link CachingSchemaRegistryClient} (as {@link SchemaRegistryClient#create} does).
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final String ACCEPT = CONTENT_TYPE
			+ ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

	private final ObjectMapper json = new ObjectMapper();

	private final RegistryClientConfig config;

	private final HttpClient http;

	public HttpSchemaRegistryClient(RegistryClientConfig config) {
		this.config = config;
		this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
	}

	@Override
	public int register(String subject, Schema schema) {
		JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
		return answer.path("id").asInt();
	}

	@Override
	public RegisteredSchema lookup(String subject, Schema schema) {
		return registered(send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject));
	}

	@Override
	public Schema schemaById(int id) {
		JsonNode answer = send("GET", "/schemas/ids/" + id, null, "schema id " + id);
		return parse(answer.path("schema").asText(), "schema id " + id);
	}

	@Override
	public RegisteredSchema latestVersion(String subject) {
		return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject));
	}

	@Override
	public boolean hasSubject(String subject) {
		try {
			send("GET", "/subjects/" + encode(subject) + "/versions", null, subject);
			return true;
		}
		catch (SchemaNotFoundException ex) {
			return false;
		}
	}

	private RegisteredSchema registered(JsonNode answer) {
		String subject = answer.path("subject").asText();
		return new RegisteredSchema(subject, answer.path("version").asInt(), answer.path("id").asInt(),
				parse(answer.path("schema").asText(), subject));
	}

	private String schemaBody(Schema schema) {
		return this.json.createObjectNode().put("schema", schema.toString()).toString();
	}

	private JsonNode send(String method, String path, String body, String about) {
		String request = method + " " + path;
		List<String> tried = new ArrayList<>();
		List<String> attempts = new ArrayList<>();
		IOException lastFailure = null;
		int lastStatus = 0;
		for (RegistryClientConfig.Endpoint endpoint : this.config.endpoints()) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
				.timeout(this.config.requestTimeout())
				.header("Accept", ACCEPT)
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
			if (body != null) {
				builder.header("Content-Type", CONTENT_TYPE);
			}
			endpoint.authorization().ifPresent((authorization) -> builder.header("Authorization", authorization));
			tried.add(endpoint.baseUrl());
			HttpResponse<String> response;
			try {
				response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				lastFailure = ex;
				attempts.add(endpoint.baseUrl() + " (" + ex + ")");
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RegistryUnreachableException(request + " (interrupted)", attempts, tried, lastStatus, ex);
			}
			if (isUnavailable(response.statusCode())) {
				// This instance cannot serve now (restarting, overloaded, behind a proxy
				// that lost it); another may.
				lastStatus = response.statusCode();
				attempts.add(endpoint.baseUrl() + " (HTTP " + lastStatus + ": " + abbreviate(response.body()) + ")");
				continue;
			}
			return decode(endpoint.baseUrl(), request, about, response);
		}
		throw new RegistryUnreachableException(request + " for " + about, attempts, tried, lastStatus, lastFailure);
	}

	/**
	 * Answers that say "not now" rather than "no": server errors, request timeout and
	 * rate limiting.
	 * @param status the HTTP status
	 * @return whether the same request may succeed later or at another instance
	 */
	static boolean isUnavailable(int status) {
		return status >= 500 || status == 408 || status == 429;
	}

	private JsonNode decode(String url, String request, String about, HttpResponse<String> response) {
		int status = response.statusCode();
		JsonNode body;
		try {
			body = this.json.readTree(response.body());
		}
		catch (JsonProcessingException ex) {
			body = null;
		}
		if (status >= 200 && status < 300 && body != null) {
			return body;
		}
		int errorCode = (body != null && body.has("error_code")) ? body.get("error_code").asInt() : status;
		String registryMessage = (body != null && body.has("message")) ? body.get("message").asText()
				: abbreviate(response.body());
		String message = "Schema registry " + url + " answered " + status + " (error_code " + errorCode + ") to "
				+ request + " for " + about + ": " + registryMessage;
		if (status == 401 || status == 403) {
			throw new RegistryAccessDeniedException(message, status, errorCode);
		}
		if (status == 409) {
			throw new IncompatibleSchemaException(message);
		}
		if (status == 404 && (errorCode == 40401 || errorCode == 40402 || errorCode == 40403)) {
			throw new SchemaNotFoundException(message, status, errorCode);
		}
		throw new SchemaRegistryException(message, status, errorCode, null);
	}

	private Schema parse(String text, String about) {
		try {
			return new Schema.Parser().parse(text);
		}
		catch (RuntimeException ex) {
			throw new SchemaRegistryException(
					"The registry returned an unparseable schema for " + about + ": " + ex.getMessage(), 200, 0, ex);
		}
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
