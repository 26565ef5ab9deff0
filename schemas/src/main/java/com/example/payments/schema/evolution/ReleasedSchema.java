package com.example.payments.schema.evolution;

import org.apache.avro.Schema;

/**
 * One released version of a top-level schema: what producers may have written with.
 *
 * @param fullName the schema's full name, e.g.
 * {@code com.example.payments.schema.event.PaymentEvent}
 * @param version the release number, from 1
 * @param schema the schema as released
 */
public record ReleasedSchema(String fullName, int version, Schema schema) {

}
