/**
 * Kafka serializer and deserializer for Avro records in Confluent's wire format (magic
 * byte 0, 4-byte big-endian schema id, Avro binary).
 */
package com.example.payments.serde;
