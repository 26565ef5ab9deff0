package com.example.payments.reconciliation.domain.archfixture;

import com.example.payments.schema.event.PaymentEvent;

/**
 * Domain logic that works on a generated Avro record.
 */
public final class DomainUsingAnAvroRecord {

	boolean isFor(PaymentEvent event, String orderId) {
		return orderId.contentEquals(event.getOrderId());
	}

}
