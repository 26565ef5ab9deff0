package com.example.payments.serde;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.serde.test.TestEnvelope;
import com.example.payments.serde.test.TestPayment;
import com.example.payments.serde.test.TestRefund;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A consumer built with today's classes meets records of a newer writer that added a
 * record type to a union: {@code TestEnvelope} v1 is generated, v2 (with
 * {@code TestDispute}) exists only as the producer's schema.
 */
class UnknownUnionBranchIT {

	private static final String TOPIC = "payments.envelopes.v1";

	private SchemaRegistryLite registry;

	private Schema v2;

	@BeforeEach
	void start() throws IOException {
		this.registry = SchemaRegistryLite.start(0);
		try (InputStream in = getClass().getResourceAsStream("/TestEnvelope-v2.avsc")) {
			this.v2 = new Schema.Parser().parse(in);
		}
	}

	@AfterEach
	void stop() {
		this.registry.close();
	}

	@Test
	void readsANewUnionBranchAsAnUnknownBranchInsideTheGeneratedEnvelope() {
		GenericRecord envelope = envelope("e-1", dispute("o-1"));

		Object read = deserializer().deserialize(TOPIC, serialize(envelope));

		assertThat(read).isInstanceOfSatisfying(TestEnvelope.class, (known) -> {
			assertThat(known.getId()).isEqualTo("e-1");
			assertThat(known.getBody()).isInstanceOfSatisfying(UnknownUnionBranch.class, (unknown) -> {
				assertThat(unknown.typeName()).isEqualTo("com.example.payments.serde.test.TestDispute");
				assertThat(unknown.get("orderId")).hasToString("o-1");
				// A known name inside the unknown branch is read generically: the
				// generated class may be another version of it.
				assertThat(unknown.get("disputed")).isInstanceOf(GenericData.Record.class)
					.isNotInstanceOf(TestRefund.class);
				assertThat(unknown.get("reason")).hasToString("FRAUD");
			});
		});
		assertThat(UnknownUnionBranch.findIn(read)).map(UnknownUnionBranch::typeName)
			.contains("com.example.payments.serde.test.TestDispute");
	}

	@Test
	void readsTheKnownBranchesOfTheNewerWriterIntoTheGeneratedClasses() {
		GenericRecord payment = new GenericData.Record(this.v2.getField("body").schema().getTypes().get(0));
		payment.put("orderId", "o-2");
		payment.put("amount", 100L);
		payment.put("currency", "SEK");
		KafkaAvroDeserializer<Object> deserializer = deserializer();

		Object read = deserializer.deserialize(TOPIC, serialize(envelope("e-2", payment)));
		Object unknown = deserializer.deserialize(TOPIC, serialize(envelope("e-3", dispute("o-3"))));

		assertThat(read).isEqualTo(TestEnvelope.newBuilder()
			.setId("e-2")
			.setBody(TestPayment.newBuilder().setOrderId("o-2").setAmount(100L).setCurrency("SEK").build())
			.build());
		assertThat(UnknownUnionBranch.findIn(read)).isEmpty();
		assertThat(UnknownUnionBranch.findIn(unknown)).isPresent();
	}

	@Test
	void stillRefusesANewBranchInAnOptionalFieldWhoseJavaTypeIsNotObject() {
		GenericRecord envelope = envelope("e-4", dispute("o-4"));
		envelope.put("note", dispute("o-4"));
		byte[] bytes = serialize(envelope);

		assertThatThrownBy(() -> deserializer().deserialize(TOPIC, bytes)).isInstanceOf(SerializationException.class)
			.hasMessageContaining(TOPIC)
			.satisfies((ex) -> assertThat(FailureClass.of(ex)).contains(FailureClass.POISON));
	}

	@Test
	void readsGenericallyWithoutTheSpecificReaderAsBefore() {
		KafkaAvroDeserializer<Object> generic = new KafkaAvroDeserializer<>();
		generic.configure(Map.of("schema.registry.url", this.registry.url()), false);

		Object read = generic.deserialize(TOPIC, serialize(envelope("e-5", dispute("o-5"))));

		assertThat(read).isInstanceOf(GenericData.Record.class).isNotInstanceOf(TestEnvelope.class);
		assertThat(UnknownUnionBranch.findIn(read)).isEmpty();
	}

	private GenericRecord envelope(String id, GenericRecord body) {
		GenericRecord envelope = new GenericData.Record(this.v2);
		envelope.put("id", id);
		envelope.put("body", body);
		envelope.put("channel", "app");
		return envelope;
	}

	private GenericRecord dispute(String orderId) {
		Schema schema = this.v2.getField("body").schema().getTypes().get(2);
		GenericRecord refund = new GenericData.Record(this.v2.getField("body").schema().getTypes().get(1));
		refund.put("orderId", orderId);
		refund.put("amount", 250L);
		GenericRecord dispute = new GenericData.Record(schema);
		dispute.put("orderId", orderId);
		dispute.put("reason", new GenericData.EnumSymbol(schema.getField("reason").schema(), "FRAUD"));
		dispute.put("disputed", refund);
		dispute.put("raisedAt", 1_767_225_600_000L);
		return dispute;
	}

	private byte[] serialize(GenericRecord record) {
		KafkaAvroSerializer<Object> serializer = new KafkaAvroSerializer<>();
		serializer.configure(Map.of("schema.registry.url", this.registry.url()), false);
		return serializer.serialize(TOPIC, record);
	}

	private KafkaAvroDeserializer<Object> deserializer() {
		KafkaAvroDeserializer<Object> deserializer = new KafkaAvroDeserializer<>();
		deserializer.configure(Map.of("schema.registry.url", this.registry.url(), "specific.avro.reader", "true"),
				false);
		return deserializer;
	}

}
