package com.example.payments.reconciliation.domain.archfixture;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Domain logic that builds Kafka records itself.
 */
public final class DomainPublishingToKafka {

	ProducerRecord<String, String> overdue(String orderId) {
		return new ProducerRecord<>("payments.events.v1", orderId, "overdue");
	}

}
