package com.example.payments.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's framing: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the datum (no length prefix, no container file header).
 */
public final class WireFormat {

	/** The only magic byte defined. */
	public static final byte MAGIC_BYTE = 0;

	/** Magic byte plus schema id. */
	public static final int HEADER_LENGTH = 5;

	private WireFormat() {
	}

	/**
	 * The header for a schema id.
	 * @param schemaId the id
	 * @return the five header bytes
	 */
	public static byte[] header(int schemaId) {
		return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
	}

	/**
	 * Read the schema id of a framed record.
	 * @param topic the topic, for the error message
	 * @param data the record bytes
	 * @return the schema id
	 * @throws InvalidWireFormatException if the bytes are not in this format
	 */
	public static int schemaId(String topic, byte[] data) {
		if (data.length < HEADER_LENGTH) {
			throw new InvalidWireFormatException(topic, data.length + " bytes, fewer than the " + HEADER_LENGTH
					+ " of the header (magic byte + schema id)");
		}
		if (data[0] != MAGIC_BYTE) {
			throw new InvalidWireFormatException(topic, String.format(
					"unknown magic byte 0x%02x (expected 0x00); the record was not written by a Confluent-compatible Avro serializer",
					data[0]));
		}
		return ByteBuffer.wrap(data, 1, 4).getInt();
	}

}
