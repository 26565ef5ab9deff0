/**
 * Writing events to Kafka: acknowledged before a call is answered, never blocking an
 * event loop, with schemas and metadata resolved before the service is ready.
 */
package com.example.payments.ingest.kafka;
