/**
 * What every endpoint shares in pure logic: the refusal of a call that is not acted on.
 * Free of Spring, Kafka, Avro and Jackson types (checked by {@code architecture-tests}).
 */
package com.example.payments.ingest.domain;
