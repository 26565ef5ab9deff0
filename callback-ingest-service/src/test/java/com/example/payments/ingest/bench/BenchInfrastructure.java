package com.example.payments.ingest.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.ingest.CallbackIngestServiceApplication;
import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.testsupport.kafka.EmbeddedKraftBroker;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a benchmark runs against, all in its JVM: Apache Kafka's own broker (one KRaft
 * node, as the tests use), the development schema registry, and the service started as in
 * production ({@code application.yml}, command-line properties on top).
 */
final class BenchInfrastructure implements AutoCloseable {

	static final String SECRET = "bench-callback-secret-0123456789abcdefghij";

	static final String CONSENT_SECRET = "benchConsentSecret0123456789abcdefABCDEF";

	static final String EVENTS = "bench.payments.events.v1";

	static final String CONSENTS = "bench.payments.consents.v1";

	static final String SHIPPING_RULES = "bench.payments.shipping-rules.v1";

	/** Where the raw producer's ceiling is measured, apart from the service's events. */
	static final String CEILING = "bench.producer-ceiling";

	private final EmbeddedKraftBroker broker;

	private final SchemaRegistryLite registry;

	private BenchInfrastructure(EmbeddedKraftBroker broker, SchemaRegistryLite registry) {
		this.broker = broker;
		this.registry = registry;
	}

	static BenchInfrastructure start(int partitions) {
		EmbeddedKraftBroker broker = EmbeddedKraftBroker.start(0);
		broker.createTopics(partitions, EVENTS, CONSENTS, SHIPPING_RULES, CEILING);
		return new BenchInfrastructure(broker, SchemaRegistryLite.start(0));
	}

	String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	String registryUrl() {
		return this.registry.url();
	}

	/**
	 * Start the service on random ports and wait until it is ready.
	 * @param properties more {@code name=value} pairs
	 * @return the running service
	 */
	ConfigurableApplicationContext startService(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + registryUrl(), "--ingest.callback-secret=" + SECRET,
				"--ingest.consent-removal-prefix=/vipps/consents/" + CONSENT_SECRET,
				"--ingest.publishing.events-topic=" + EVENTS, "--ingest.consent.topic=" + CONSENTS,
				"--ingest.shipping.rules-topic=" + SHIPPING_RULES, "--logging.level.root=WARN",
				"--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(CallbackIngestServiceApplication.class).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext service) {
		return service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * The heap in use after the garbage that can be collected is gone.
	 * @return bytes
	 */
	static long usedHeapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	@Override
	public void close() {
		try {
			this.registry.close();
		}
		finally {
			this.broker.close();
		}
	}

}
