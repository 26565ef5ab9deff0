/**
 * Pure logic of the shipping-details endpoint: every payment's shipping rules in memory,
 * which payment a call is about, and the options for an address. Free of Spring, Kafka,
 * Avro and Jackson types (checked by {@code architecture-tests}).
 */
package com.example.payments.ingest.shipping.domain;
