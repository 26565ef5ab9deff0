package com.example.payments.reconciliation;

import com.example.payments.testsupport.ManagementEndpoints;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Tests for {@link ReconciliationServiceApplication}: the application starts and serves
 * its health and metrics on the management port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ReconciliationServiceApplicationTests {

	@Test
	void servesProbesAndPrometheusOnTheManagementPort(@LocalManagementPort int managementPort) {
		ManagementEndpoints.assertServesProbesAndPrometheus(managementPort, "reconciliation-service");
	}

}
