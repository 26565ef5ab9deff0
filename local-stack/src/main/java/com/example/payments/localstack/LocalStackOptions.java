package com.example.payments.localstack;

/**
 * Command-line options of {@link LocalStack}.
 *
 * @param kafkaPort the broker's listener port (default 9092)
 * @param registryPort the schema registry's port (default 8085)
 * @param partitions partitions per topic (default 3; all payment topics share one count)
 */
public record LocalStackOptions(int kafkaPort, int registryPort, int partitions) {

	/**
	 * Parse {@code --kafka-port N --registry-port N --partitions N}.
	 * @param args the arguments
	 * @return the options
	 */
	public static LocalStackOptions parse(String... args) {
		int kafkaPort = 9092;
		int registryPort = 8085;
		int partitions = 3;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + name + " needs a value");
			}
			int value = parseNumber(name, args[++i]);
			switch (name) {
				case "--kafka-port" -> kafkaPort = value;
				case "--registry-port" -> registryPort = value;
				case "--partitions" -> partitions = value;
				default -> throw new IllegalArgumentException(
						"Unknown option " + name + "; known: --kafka-port, --registry-port, --partitions");
			}
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("--partitions must be at least 1");
		}
		return new LocalStackOptions(kafkaPort, registryPort, partitions);
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
