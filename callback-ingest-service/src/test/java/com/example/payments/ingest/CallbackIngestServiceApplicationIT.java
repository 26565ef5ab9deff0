package com.example.payments.ingest;

import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceProbesContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests for {@link CallbackIngestServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer
 * ({@link ServiceProbesContract}). It needs its secrets (no defaults on purpose) and its
 * topics (it resolves their metadata before it is ready).
 */
class CallbackIngestServiceApplicationIT extends ServiceProbesContract {

	private static final String TOPICS = "ingest-probes";

	CallbackIngestServiceApplicationIT() {
		super(CallbackIngestServiceApplication.class, "callback-ingest-service",
				IngestService.serviceProperties(TOPICS));
	}

	@BeforeAll
	static void createTopics(KafkaTestEnvironment.Environment kafka) {
		kafka.broker().createTopics(1, TOPICS + ".events", TOPICS + ".consents", TOPICS + ".shipping-rules");
	}

}
