package com.example.payments.testsupport;

import java.util.Arrays;
import java.util.stream.Stream;

import com.example.payments.registry.SchemaRegistryLite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every service promises on its management port, as tests each service's
 * {@code *ApplicationIT} inherits: started as in production against the real broker and
 * registry, it serves its probes and metrics, and it is ready only while Kafka and the
 * schema registry answer; without them it is not ready, yet stays live.
 *
 * <pre class="code">
 * class PaymentCommandServiceApplicationIT extends ServiceProbesContract {
 *
 * 	PaymentCommandServiceApplicationIT() {
 * 		super(PaymentCommandServiceApplication.class, "payment-command-service");
 * 	}
 *
 * }
 * </pre>
 */
@ExtendWith(KafkaTestEnvironment.class)
public abstract class ServiceProbesContract {

	private final Class<?> application;

	private final String applicationName;

	private final String[] properties;

	/**
	 * Hold the service the contract is checked for.
	 * @param application its {@code @SpringBootApplication} class
	 * @param applicationName its {@code spring.application.name}, the metrics' tag
	 * @param properties {@code name=value} pairs the service needs to start besides Kafka
	 * and the registry (settings a deployment must give, such as secrets, which the
	 * service has no default for)
	 */
	protected ServiceProbesContract(Class<?> application, String applicationName, String... properties) {
		this.application = application;
		this.applicationName = applicationName;
		this.properties = properties.clone();
	}

	@Test
	void isReadyWithKafkaAndTheRegistryAndServesProbesAndPrometheus(KafkaTestEnvironment.Environment kafka) {
		try (ServiceUnderTest service = ServiceUnderTest.start(this.application, kafka, this.properties)) {
			ManagementEndpoints.assertReadyWithKafkaAndRegistry(service.managementPort());
			ManagementEndpoints.assertServesProbesAndPrometheus(service.managementPort(), this.applicationName);
		}
	}

	@Test
	void isNotReadyButStaysLiveWhenKafkaAndTheRegistryCannotBeReached(KafkaTestEnvironment.Environment kafka) {
		SchemaRegistryLite stopped = SchemaRegistryLite.start(0);
		stopped.close();
		// Port 1: nothing listens there; the registry's address was real a moment ago.
		String[] unreachable = { "spring.kafka.bootstrap-servers=localhost:1",
				"spring.kafka.properties.schema.registry.url=" + stopped.url(), "payments.kafka.health.timeout=1s" };
		try (ServiceUnderTest service = ServiceUnderTest.start(this.application, kafka,
				Stream.concat(Arrays.stream(this.properties), Arrays.stream(unreachable)).toArray(String[]::new))) {
			ManagementEndpoints.assertNotReadyButLive(service.managementPort(), "kafka", "schemaRegistry");
		}
	}

}
