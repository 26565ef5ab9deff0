package com.example.payments.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of our Spring Boot services started as it runs in production, in this JVM, on
 * random ports, pointed at the test's Kafka broker and schema registry. Properties given
 * to {@link #start} win over those defaults, so a test can point it somewhere else (a
 * wrong bootstrap address, a stopped registry).
 */
public final class ServiceUnderTest implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ServiceUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a service.
	 * @param application the {@code @SpringBootApplication} class
	 * @param kafka the broker and registry to use
	 * @param properties {@code name=value} pairs that replace the defaults
	 * @return the running service
	 */
	public static ServiceUnderTest start(Class<?> application, KafkaTestEnvironment.Environment kafka,
			String... properties) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("server.port", "0");
		values.put("management.server.port", "0");
		values.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		values.put("spring.kafka.properties.schema.registry.url", kafka.schemaRegistryUrl());
		for (String property : properties) {
			int equals = property.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Expected name=value, got '" + property + "'");
			}
			values.put(property.substring(0, equals), property.substring(equals + 1));
		}
		// Command-line arguments outrank application.yml, as the deployment's settings
		// do.
		String[] args = values.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new ServiceUnderTest(new SpringApplicationBuilder(application).run(args));
	}

	/**
	 * The application port (HTTP endpoints of a web service).
	 * @return the port
	 */
	public int port() {
		Integer port = this.context.getEnvironment().getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("The service serves no HTTP port");
		}
		return port;
	}

	/**
	 * The management port the probes and metrics are served on.
	 * @return the port
	 */
	public int managementPort() {
		Integer port = this.context.getEnvironment().getProperty("local.management.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("The service has no separate management port");
		}
		return port;
	}

	/**
	 * The running application's context, for a test that reads its beans (metrics, a
	 * component's state).
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
