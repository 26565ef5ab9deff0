package com.example.payments.schema.evolution;

/**
 * A way in which the current schema cannot read data written with a released version.
 *
 * @param fullName the schema's full name
 * @param version the released version that can no longer be read
 * @param type Avro's incompatibility type, e.g.
 * {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param location where in the reader schema, as a JSON pointer, e.g. {@code /fields/8}
 * @param detail Avro's explanation, e.g. the name of the field lacking a default
 */
public record IncompatibleChange(String fullName, int version, String type, String location, String detail) {

	/**
	 * Describe the problem for a person fixing the build.
	 * @return e.g.
	 * {@code com.example...PaymentEvent cannot read data written with released
	 * v1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/8 (tenantId)}
	 */
	public String describe() {
		return this.fullName + " cannot read data written with released v" + this.version + ": " + this.type + " at "
				+ this.location + " (" + this.detail + ")";
	}

}
