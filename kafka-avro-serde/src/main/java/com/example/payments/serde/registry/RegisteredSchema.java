package com.example.payments.serde.registry;

import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject the subject
 * @param version the version within the subject
 * @param id the global schema id written into every record
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
