package com.example.payments.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's metrics as Prometheus scrapes them.
 */
final class Prometheus {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private Prometheus() {
	}

	static String scrape(int managementPort) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The value of one sample, e.g.
	 * {@code payments_commands_total{outcome="applied",type="capture"}}: the name and
	 * every label given must be on the line.
	 * @param scrape the scraped text
	 * @param name the metric name
	 * @param labels labels as {@code key="value"}
	 * @return the value, 0 when no line matches
	 */
	static double value(String scrape, String name, String... labels) {
		Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = line.matcher(scrape);
		double sum = 0;
		while (matcher.find()) {
			boolean all = true;
			for (String label : labels) {
				all &= matcher.group(1).contains(label);
			}
			if (all) {
				sum += Double.parseDouble(matcher.group(2));
			}
		}
		return sum;
	}

}
