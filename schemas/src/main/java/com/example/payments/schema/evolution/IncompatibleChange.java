package com.example.payments.schema.evolution;

/**
 * A way in which the current schema and a released version cannot read each other's data:
 * the current schema cannot read what the released version wrote (a new consumer meets
 * old records, {@link Direction#BACKWARD}), or a consumer built with the released version
 * cannot read what the current schema writes ({@link Direction#FORWARD}).
 *
 * @param direction who cannot read whom
 * @param fullName the schema's full name
 * @param version the released version involved
 * @param type Avro's incompatibility type, e.g.
 * {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param location where in the reader schema, as a JSON pointer, e.g. {@code /fields/8}
 * @param detail Avro's explanation, e.g. the name of the field lacking a default
 */
public record IncompatibleChange(Direction direction, String fullName, int version, String type, String location,
		String detail) {

	/**
	 * Describe the problem for a person fixing the build.
	 * @return e.g.
	 * {@code com.example...PaymentEvent cannot read data written with released
	 * v1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/8 (tenantId)} or
	 * {@code released v1 of com.example...PaymentEvent cannot read data written with the
	 * current schema: ...}
	 */
	public String describe() {
		String who = (this.direction == Direction.BACKWARD)
				? this.fullName + " cannot read data written with released v" + this.version : "released v"
						+ this.version + " of " + this.fullName + " cannot read data written with the current schema";
		return who + ": " + this.type + " at " + this.location + " (" + this.detail + ")";
	}

	/**
	 * Which reader fails.
	 */
	public enum Direction {

		/** The current schema cannot read data written with a released version. */
		BACKWARD,

		/**
		 * A consumer built with a released version cannot read data written with the
		 * current schema (other than an event of a new type, which it skips).
		 */
		FORWARD

	}

}
