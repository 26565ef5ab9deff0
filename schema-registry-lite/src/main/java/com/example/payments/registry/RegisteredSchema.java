package com.example.payments.registry;

/**
 * One version of a subject as the REST API describes it.
 *
 * @param subject the subject name
 * @param version the version within the subject, from 1
 * @param id the global schema id
 * @param schema the canonical schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {
}
