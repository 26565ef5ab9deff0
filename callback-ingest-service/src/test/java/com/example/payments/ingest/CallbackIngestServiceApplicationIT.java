package com.example.payments.ingest;

import com.example.payments.testsupport.ServiceProbesContract;

/**
 * Tests for {@link CallbackIngestServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer
 * ({@link ServiceProbesContract}).
 */
class CallbackIngestServiceApplicationIT extends ServiceProbesContract {

	CallbackIngestServiceApplicationIT() {
		super(CallbackIngestServiceApplication.class, "callback-ingest-service");
	}

}
