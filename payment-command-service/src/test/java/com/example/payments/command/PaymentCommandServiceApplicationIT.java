package com.example.payments.command;

import com.example.payments.testsupport.ServiceProbesContract;

/**
 * Tests for {@link PaymentCommandServiceApplication}: started as in production against a
 * real broker and registry, it serves its probes and metrics on the management port and
 * is ready only while Kafka and the schema registry answer
 * ({@link ServiceProbesContract}). It needs what a deployment must give: Vipps' address
 * and keys, the ingest service's prefixes and the authToken secret.
 */
class PaymentCommandServiceApplicationIT extends ServiceProbesContract {

	PaymentCommandServiceApplicationIT() {
		super(PaymentCommandServiceApplication.class, "payment-command-service",
				"vipps.client.base-url=https://apitest.vipps.no", "vipps.client.merchants.123456.client-id=client-id",
				"vipps.client.merchants.123456.client-secret=client-secret",
				"vipps.client.merchants.123456.subscription-key=subscription-key",
				"payments.command.topics.commands=probes.payments.commands.v1",
				"payments.command.callbacks.callback-prefix=https://ingest.example.com/vipps/callbacks",
				"payments.command.callbacks.shipping-details-prefix=https://ingest.example.com/vipps/shipping",
				"payments.command.callbacks.consent-removal-prefix=https://ingest.example.com/vipps/consents",
				"payments.command.callbacks.auth-token-secret=" + CommandServiceRun.AUTH_TOKEN_SECRET);
	}

}
