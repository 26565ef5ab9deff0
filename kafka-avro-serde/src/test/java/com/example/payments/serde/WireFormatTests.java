package com.example.payments.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTests {

	@Test
	void headerIsMagicByteZeroThenTheIdBigEndian() {
		assertThat(WireFormat.header(42)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x2a);
		assertThat(WireFormat.header(0x01020304)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
	}

	@Test
	void readsTheSchemaIdBack() {
		assertThat(WireFormat.schemaId("t", new byte[] { 0, 0, 0, 1, 2, 99 })).isEqualTo(258);
		assertThat(WireFormat.schemaId("t", WireFormat.header(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void rejectsRecordsShorterThanTheHeader() {
		assertThatThrownBy(() -> WireFormat.schemaId("payments.events.v1", new byte[] { 0, 0, 0, 1 }))
			.isInstanceOfSatisfying(InvalidWireFormatException.class,
					(ex) -> assertThat(ex.topic()).isEqualTo("payments.events.v1"))
			.hasMessageContaining("payments.events.v1")
			.hasMessageContaining("4 bytes");
		assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[0])).isInstanceOf(InvalidWireFormatException.class);
	}

	@Test
	void rejectsAnUnknownMagicByte() {
		byte[] json = "{\"orderId\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThatThrownBy(() -> WireFormat.schemaId("payments.events.v1", json))
			.isInstanceOf(InvalidWireFormatException.class)
			.hasMessageContaining("magic byte 0x7b")
			.hasMessageContaining("payments.events.v1");
	}

}
