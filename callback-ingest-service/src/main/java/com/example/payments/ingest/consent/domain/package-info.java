/**
 * Pure logic of the consent-removal endpoint: the secret path segment and the allowlist
 * that stand in for the {@code Authorization} header Vipps does not send. Free of Spring,
 * Kafka, Avro and Jackson types (checked by {@code architecture-tests}).
 */
package com.example.payments.ingest.consent.domain;
