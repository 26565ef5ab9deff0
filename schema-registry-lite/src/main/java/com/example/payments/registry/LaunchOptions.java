package com.example.payments.registry;

import java.nio.file.Path;

/**
 * Command-line options of the standalone registry.
 *
 * @param host the address to bind
 * @param port the port
 * @param dataDir the journal directory, or {@code null} for in-memory
 * @param compatibility the initial global compatibility level
 * @param help whether to print usage and exit
 */
record LaunchOptions(String host, int port, Path dataDir, CompatibilityLevel compatibility, boolean help) {

	static final String USAGE = """
			Usage: java -jar schema-registry-lite-exec.jar [options]
			  --port N              port to listen on (default 8081, 0 = random)
			  --host ADDRESS        address to bind (default 127.0.0.1; 0.0.0.0 in a container)
			  --data-dir DIR        keep schemas in DIR/schemas.journal across restarts (default: in memory)
			  --compatibility LEVEL initial global level (default BACKWARD)
			  --help                print this and exit
			For development and tests only; production uses a real schema registry.""";

	static LaunchOptions parse(String[] args) {
		String host = "127.0.0.1";
		int port = 8081;
		Path dataDir = null;
		CompatibilityLevel compatibility = CompatibilityLevel.BACKWARD;
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				value = arg.substring(equals + 1);
				arg = arg.substring(0, equals);
			}
			switch (arg) {
				case "--help", "-h" -> help = true;
				case "--port" -> port = parsePort((value != null) ? value : next(args, ++i, arg));
				case "--host" -> host = (value != null) ? value : next(args, ++i, arg);
				case "--data-dir" -> dataDir = Path.of((value != null) ? value : next(args, ++i, arg));
				case "--compatibility" -> {
					try {
						compatibility = CompatibilityLevel.parse((value != null) ? value : next(args, ++i, arg));
					}
					catch (RegistryException ex) {
						throw new IllegalArgumentException(ex.getMessage(), ex);
					}
				}
				default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
			}
		}
		return new LaunchOptions(host, port, dataDir, compatibility, help);
	}

	private static String next(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Option " + option + " needs a value.");
		}
		return args[index];
	}

	private static int parsePort(String value) {
		try {
			int port = Integer.parseInt(value);
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException("Invalid port '" + value + "'.");
	}

}
