package com.example.payments.command.consumer;

import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.DeadLetterPublisher;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.kafka.consumer.UnknownEventTypes;

/**
 * The shared consumer error handling of {@code kafka-service-support}, as a plain
 * consumer uses it (ADR 0005): registry and broker faults wait, poison goes to
 * {@code <topic>.dlt}, records of unknown types are skipped, configuration faults make
 * the service not-ready.
 *
 * @param policy classifies a failure and gives its back-off
 * @param deadLetters publishes poison with its original bytes
 * @param unknownTypes recognises and counts records of types this build does not know
 * @param readiness not-ready while a configuration fault lasts
 * @param metrics retries and dead letters, by topic and failure class
 */
public record ConsumerFailures(RecordFailurePolicy policy, DeadLetterPublisher deadLetters,
		UnknownEventTypes unknownTypes, ConfigurationFaultReadiness readiness, ConsumerFailureMetrics metrics) {

}
