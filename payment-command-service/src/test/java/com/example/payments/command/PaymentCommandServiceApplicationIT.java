package com.example.payments.command;

import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ManagementEndpoints;
import com.example.payments.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests for {@link PaymentCommandServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer.
 */
@ExtendWith(KafkaTestEnvironment.class)
class PaymentCommandServiceApplicationIT {

	@Test
	void isReadyWithKafkaAndTheRegistryAndServesProbesAndPrometheus(KafkaTestEnvironment.Environment kafka) {
		try (ServiceUnderTest service = ServiceUnderTest.start(PaymentCommandServiceApplication.class, kafka)) {
			ManagementEndpoints.assertReadyWithKafkaAndRegistry(service.managementPort());
			ManagementEndpoints.assertServesProbesAndPrometheus(service.managementPort(), "payment-command-service");
		}
	}

	@Test
	void isNotReadyButStaysLiveWhenKafkaAndTheRegistryCannotBeReached(KafkaTestEnvironment.Environment kafka) {
		SchemaRegistryLite stopped = SchemaRegistryLite.start(0);
		stopped.close();
		try (ServiceUnderTest service = ServiceUnderTest.start(PaymentCommandServiceApplication.class, kafka,
				"spring.kafka.bootstrap-servers=localhost:1",
				"spring.kafka.properties.schema.registry.url=" + stopped.url(), "payments.kafka.health.timeout=1s")) {
			ManagementEndpoints.assertNotReadyButLive(service.managementPort(), "kafka", "schemaRegistry");
		}
	}

}
