package com.example.payments.kafka.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.payments.serde.registry.RegistryClientConfig;
import org.apache.kafka.common.config.ConfigException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when one of the configured schema registry URLs answers {@code GET /schemas/types}
 * with 200, using the credentials the serde uses: a registry that is down, unreachable or
 * refuses our credentials makes the service not ready. Reads the registry settings with
 * the serde's own parser ({@link RegistryClientConfig}), so the check and the serde never
 * disagree about where the registry is. Credentials never appear in the details.
 */
public final class SchemaRegistryHealthIndicator implements HealthIndicator {

	/** Small, served by every Confluent-compatible registry, and needs authentication. */
	static final String PROBE_PATH = "/schemas/types";

	private final Map<String, ?> clientConfig;

	private final Duration timeout;

	private final HttpClient http;

	/**
	 * Create the indicator.
	 * @param clientConfig the Kafka client properties holding {@code schema.registry.url}
	 * and the basic-auth settings
	 * @param timeout how long a check may wait for each URL
	 */
	public SchemaRegistryHealthIndicator(Map<String, ?> clientConfig, Duration timeout) {
		this.clientConfig = Map.copyOf(clientConfig);
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public Health health() {
		RegistryClientConfig config;
		try {
			config = RegistryClientConfig.parse(this.clientConfig);
		}
		catch (ConfigException ex) {
			// The parser's messages name properties, never secret values.
			return Health.down().withDetail("error", ex.getMessage()).build();
		}
		Map<String, String> failures = new LinkedHashMap<>();
		for (RegistryClientConfig.Endpoint endpoint : config.endpoints()) {
			String failure = probe(endpoint);
			if (failure == null) {
				return Health.up().withDetail("url", endpoint.baseUrl()).build();
			}
			failures.put(endpoint.baseUrl(), failure);
		}
		return Health.down().withDetail("failures", failures).build();
	}

	private String probe(RegistryClientConfig.Endpoint endpoint) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + PROBE_PATH))
			.timeout(this.timeout)
			.header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
		endpoint.authorization().ifPresent((authorization) -> request.header("Authorization", authorization));
		try {
			int status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return switch (status) {
				case 200 -> null;
				case 401, 403 -> "HTTP " + status + ": the registry refuses our credentials";
				default -> "HTTP " + status;
			};
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
