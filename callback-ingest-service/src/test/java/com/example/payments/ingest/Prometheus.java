package com.example.payments.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Reads a meter of the running service from {@code /actuator/prometheus}.
 */
final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The sum of a Prometheus series over the lines whose labels contain all the given
	 * {@code name="value"} pairs.
	 * @param managementPort the service's management port
	 * @param series e.g. {@code ingest_refused_total}
	 * @param labels e.g. {@code reason="wrong_token"}
	 * @return the value, 0 when no line matches
	 */
	static double value(int managementPort, String series, String... labels) {
		String body;
		try {
			body = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new AssertionError("cannot read the metrics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
		double sum = 0;
		for (String line : body.split("\n")) {
			if (!line.startsWith(series + "{")) {
				continue;
			}
			boolean matches = true;
			for (String label : labels) {
				matches &= line.contains(label);
			}
			if (matches) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

}
