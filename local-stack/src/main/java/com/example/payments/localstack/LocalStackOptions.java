package com.example.payments.localstack;

import java.nio.file.Path;

/**
 * Command-line options of {@link LocalStack}.
 *
 * @param kafkaPort the broker's listener port (default 9092)
 * @param registryPort the schema registry's port (default 8085)
 * @param partitions partitions per topic (default 3; all payment topics share one count)
 * @param dataDir where the broker's logs ({@code DIR/kafka}) and the registry's journal
 * ({@code DIR/schema-registry}) are kept between runs, or {@code null} (the default) for
 * a temporary directory and an in-memory registry, gone when the stack stops
 */
public record LocalStackOptions(int kafkaPort, int registryPort, int partitions, Path dataDir) {

	/**
	 * Parse {@code --kafka-port N --registry-port N --partitions N --data-dir DIR}.
	 * @param args the arguments
	 * @return the options
	 */
	public static LocalStackOptions parse(String... args) {
		int kafkaPort = 9092;
		int registryPort = 8085;
		int partitions = 3;
		Path dataDir = null;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + name + " needs a value");
			}
			String value = args[++i];
			switch (name) {
				case "--kafka-port" -> kafkaPort = parsePort(name, value);
				case "--registry-port" -> registryPort = parsePort(name, value);
				case "--partitions" -> partitions = parseNumber(name, value);
				case "--data-dir" -> dataDir = Path.of(value);
				default -> throw new IllegalArgumentException(
						"Unknown option " + name + "; known: --kafka-port, --registry-port, --partitions, --data-dir");
			}
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("--partitions must be at least 1");
		}
		return new LocalStackOptions(kafkaPort, registryPort, partitions, dataDir);
	}

	private static int parsePort(String name, String value) {
		int port = parseNumber(name, value);
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Option " + name + " needs a port from 0 to 65535, got " + port);
		}
		return port;
	}

	private static int parseNumber(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Option " + name + " needs a number, got '" + value + "'", ex);
		}
	}

}
