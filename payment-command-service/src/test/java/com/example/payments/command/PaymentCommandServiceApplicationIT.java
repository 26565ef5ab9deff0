package com.example.payments.command;

import com.example.payments.testsupport.ServiceProbesContract;

/**
 * Tests for {@link PaymentCommandServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer
 * ({@link ServiceProbesContract}).
 */
class PaymentCommandServiceApplicationIT extends ServiceProbesContract {

	PaymentCommandServiceApplicationIT() {
		super(PaymentCommandServiceApplication.class, "payment-command-service");
	}

}
