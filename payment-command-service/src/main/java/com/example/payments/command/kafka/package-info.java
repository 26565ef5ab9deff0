/**
 * Kafka at the service's edges: the command consumer's lifecycle (a
 * {@link com.example.payments.command.consumer.KeyOrderedConsumer} on its own thread,
 * started and drained with the application) and the publisher of payment events and
 * shipping rules.
 */
package com.example.payments.command.kafka;
