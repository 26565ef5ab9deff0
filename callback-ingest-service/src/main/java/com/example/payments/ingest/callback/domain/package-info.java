/**
 * Pure logic of the callback endpoint: whether a callback is authentic and readable, and
 * its facts. Free of Spring, Kafka, Avro and Jackson types (checked by
 * {@code architecture-tests}).
 */
package com.example.payments.ingest.callback.domain;
