/**
 * Forwarding a query to the instance of this service that owns the payment's partition:
 * the service's one HTTP client, which only ever calls its own instances at the addresses
 * Kafka Streams reports (Vipps is called through vipps-client alone; the architecture
 * rule exempts exactly this package).
 */
package com.example.payments.reconciliation.query.forwarding;
