/**
 * Real Kafka brokers for integration tests: in-process KRaft or a Testcontainers
 * container.
 */
package com.example.payments.testsupport.kafka;
