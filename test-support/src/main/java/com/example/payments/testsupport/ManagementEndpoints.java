package com.example.payments.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises SREs on its management port: liveness and readiness probes
 * and Prometheus metrics tagged with the application's name.
 */
public final class ManagementEndpoints {

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
