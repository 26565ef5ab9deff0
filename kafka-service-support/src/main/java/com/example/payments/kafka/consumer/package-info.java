/**
 * One consumer error-handling setup for every service: serde and registry failures
 * classified as transient, configuration or poison ({@link RecordFailurePolicy}); the
 * first two retry the same record without limit, poison goes to {@code <topic>.dlt} with
 * its original bytes ({@link DeadLetterPublisher}); configuration faults make the service
 * not-ready while they last ({@link ConfigurationFaultReadiness}); records of event types
 * this build does not know are skipped and counted ({@link UnknownEventTypes}). Wired for
 * Spring Boot's listener containers by {@link ConsumerErrorHandlingAutoConfiguration};
 * usable on its own from a plain consumer.
 */
package com.example.payments.kafka.consumer;
