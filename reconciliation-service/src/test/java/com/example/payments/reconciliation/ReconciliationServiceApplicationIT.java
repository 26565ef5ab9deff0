package com.example.payments.reconciliation;

import com.example.payments.testsupport.ServiceProbesContract;

/**
 * Tests for {@link ReconciliationServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer
 * ({@link ServiceProbesContract}).
 */
class ReconciliationServiceApplicationIT extends ServiceProbesContract {

	ReconciliationServiceApplicationIT() {
		super(ReconciliationServiceApplication.class, "reconciliation-service");
	}

}
