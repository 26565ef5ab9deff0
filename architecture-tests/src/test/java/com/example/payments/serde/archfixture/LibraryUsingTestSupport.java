package com.example.payments.serde.archfixture;

import com.example.payments.testsupport.KafkaTestEnvironment;

/**
 * A production library leaning on the test broker.
 */
public final class LibraryUsingTestSupport {

	String bootstrapServers(KafkaTestEnvironment.Environment kafka) {
		return kafka.bootstrapServers();
	}

}
