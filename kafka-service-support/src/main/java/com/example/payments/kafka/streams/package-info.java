/**
 * The consumer error handling of {@code com.example.payments.kafka.consumer}, for Kafka
 * Streams: a main consumer that holds back a partition while the registry cannot give the
 * schema of its next record ({@link SchemaWaitingConsumer}), deserialization and
 * processing exception handlers that dead-letter poison with its original bytes, a
 * fallback that replaces a failed stream thread after a back-off, and a processor that
 * skips records of unknown event types. Wired by
 * {@link StreamsErrorHandlingAutoConfiguration} when Kafka Streams is on the classpath.
 */
package com.example.payments.kafka.streams;
