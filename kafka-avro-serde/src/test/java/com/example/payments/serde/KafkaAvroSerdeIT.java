package com.example.payments.serde;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.example.payments.registry.CompatibilityLevel;
import com.example.payments.registry.RecordedRequest;
import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.serde.registry.IncompatibleSchemaException;
import com.example.payments.serde.registry.RegistryUnreachableException;
import com.example.payments.serde.registry.SchemaNotFoundException;
import com.example.payments.serde.test.TestPayment;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaAvroSerdeIT {

	private static final String TOPIC = "payments.test.v1";

	/**
	 * {@code TestPayment{orderId="order-1", amount=1000, currency="NOK"}} under schema id
	 * 1, worked out by hand from the Avro spec: the Confluent header, then each field in
	 * order.
	 */
	private static final String PINNED_HEX = "00" + "00000001" // magic byte, schema id 1
																// big-endian
			+ "0e" + "6f726465722d31" // orderId: zig-zag length 7, "order-1"
			+ "d00f" // amount: zig-zag varint of 1000
			+ "06" + "4e4f4b"; // currency: zig-zag length 3, "NOK"

	private SchemaRegistryLite registry;

	@BeforeEach
	void start() {
		this.registry = SchemaRegistryLite.start(0);
	}

	@AfterEach
	void stop() {
		this.registry.close();
	}

	@Test
	void writesTheExactConfluentWireBytes() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, payment("order-1", 1000));

		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(PINNED_HEX);
	}

	@Test
	void readsThePinnedBytesBackIntoTheGeneratedClass() {
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());

		Object read = deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC,
				HexFormat.of().parseHex(PINNED_HEX));

		assertThat(read).isEqualTo(payment("order-1", 1000));
	}

	@Test
	void writesTheIdTheRegistryAssigned() {
		for (int i = 0; i < 41; i++) {
			this.registry.store().register("filler-" + i, SchemaBuilder.fixed("F" + i).size(1).toString());
		}

		byte[] bytes = serializer(Map.of()).serialize(TOPIC, payment("order-1", 1000));

		assertThat(HexFormat.of().formatHex(bytes, 0, 5)).isEqualTo("000000002a");
		assertThat(HexFormat.of().formatHex(bytes, 5, bytes.length)).isEqualTo(PINNED_HEX.substring(10));
	}

	@Test
	void roundTripsSpecificRecords() {
		TestPayment payment = payment("order-2", 123_456_789L);

		byte[] bytes = serializer(Map.of()).serialize(TOPIC, payment);
		Object read = deserializer(Map.of("specific.avro.reader", true)).deserialize(TOPIC, bytes);

		assertThat(read).isInstanceOf(TestPayment.class).isEqualTo(payment);
		assertThat(this.registry.store().subjects()).containsExactly(TOPIC + "-value");
	}

	@Test
	void readsGenericRecordsUnlessSpecificReaderIsOn() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, payment("order-3", 5));

		Object read = deserializer(Map.of()).deserialize(TOPIC, bytes);

		assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(TestPayment.class);
		GenericRecord record = (GenericRecord) read;
		assertThat(record.get("orderId")).hasToString("order-3");
		assertThat(record.get("amount")).isEqualTo(5L);
	}

	@Test
	void readsRecordsWrittenWithAnOlderSchemaFillingTheNewFieldsDefault() throws IOException {
		Schema v1 = testPaymentV1();
		GenericRecord old = new GenericData.Record(v1);
		old.put("orderId", "order-old");
		old.put("amount", 42L);

		byte[] bytes = serializer(Map.of()).serialize(TOPIC, old);
		Object read = deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC, bytes);

		assertThat(read).isEqualTo(TestPayment.newBuilder().setOrderId("order-old").setAmount(42L).build());
		assertThat(((TestPayment) read).getCurrency()).isEqualTo("NOK");
		assertThat(this.registry.store().versions(TOPIC + "-value")).containsExactly(1);
	}

	@Test
	void usesTheKeySubjectForKeys() {
		KafkaAvroSerializer<TestPayment> keySerializer = new KafkaAvroSerializer<>();
		keySerializer.configure(Map.of("schema.registry.url", this.registry.url()), true);

		byte[] bytes = keySerializer.serialize(TOPIC, payment("order-4", 1));
		KafkaAvroDeserializer<TestPayment> keyDeserializer = new KafkaAvroDeserializer<>();
		keyDeserializer.configure(Map.of("schema.registry.url", this.registry.url(), "specific.avro.reader", "true"),
				true);

		assertThat(this.registry.store().subjects()).containsExactly(TOPIC + "-key");
		assertThat(keyDeserializer.deserialize(TOPIC, bytes)).isEqualTo(payment("order-4", 1));
	}

	@Test
	void callsTheRegistryOnceForManyRecords() {
		KafkaAvroSerializer<TestPayment> serializer = serializer(Map.of());
		KafkaAvroDeserializer<TestPayment> deserializer = deserializer(Map.of("specific.avro.reader", "true"));

		for (int i = 0; i < 200; i++) {
			TestPayment payment = payment("order-" + i, i);
			assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, payment))).isEqualTo(payment);
		}

		assertThat(this.registry.recordedRequests()).extracting(RecordedRequest::method, RecordedRequest::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/" + TOPIC + "-value/versions"),
					org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/1"));
	}

	@Test
	void withAutoRegisterOffUsesTheRegisteredSchemaAndNeverRegisters() {
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		this.registry.clearRecordedRequests();

		byte[] bytes = serializer(Map.of("auto.register.schemas", "false")).serialize(TOPIC, payment("order-1", 1000));

		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(PINNED_HEX);
		assertThat(this.registry.recordedRequests()).extracting(RecordedRequest::method, RecordedRequest::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/" + TOPIC + "-value"));
	}

	@Test
	void withAutoRegisterOffFailsForAnUnregisteredSchema() {
		assertThatThrownBy(
				() -> serializer(Map.of("auto.register.schemas", "false")).serialize(TOPIC, payment("order-1", 1)))
			.isInstanceOf(SchemaNotFoundException.class)
			.hasMessageContaining(TOPIC + "-value");
		assertThat(this.registry.store().subjects()).isEmpty();
	}

	@Test
	void rejectsAnIncompatibleSchemaOnRegistration() throws IOException {
		// The registry holds v2 (currency with default); a writer without the default
		// breaks BACKWARD.
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		Schema noDefault = new Schema.Parser().parse(TestPayment.getClassSchema()
			.toString()
			.replace(",\"default\":\"NOK\"", "")
			.replace("\"name\":\"currency\"", "\"name\":\"country\""));
		GenericRecord record = new GenericData.Record(noDefault);
		record.put("orderId", "o");
		record.put("amount", 1L);
		record.put("country", "NO");

		assertThatThrownBy(() -> serializer(Map.of()).serialize(TOPIC, record))
			.isInstanceOf(IncompatibleSchemaException.class)
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining(TOPIC + "-value")
			.hasMessageContaining("country");

		this.registry.store().setSubjectLevel(TOPIC + "-value", CompatibilityLevel.NONE);
		assertThat(serializer(Map.of()).serialize(TOPIC, record)).startsWith(0, 0, 0, 0, 2);
	}

	@Test
	void withAutoRegistrationOffUseLatestVersionWritesTheLatestIdAndShape() throws IOException {
		this.registry.store().register(TOPIC + "-value", testPaymentV1().toString());
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		Schema v1 = testPaymentV1();
		GenericRecord old = new GenericData.Record(v1);
		old.put("orderId", "order-1");
		old.put("amount", 1000L);

		KafkaAvroSerializer<Object> serializer = serializer(
				Map.of("auto.register.schemas", "false", "use.latest.version", "true"));
		byte[] fromOld = serializer.serialize(TOPIC, old);
		byte[] fromCurrent = serializer.serialize(TOPIC, payment("order-1", 1000));

		// Both come out as version 2 (id 2), the old record converted by name with the
		// default filled in.
		String expected = "0000000002" + PINNED_HEX.substring(10);
		assertThat(HexFormat.of().formatHex(fromOld)).isEqualTo(expected);
		assertThat(HexFormat.of().formatHex(fromCurrent)).isEqualTo(expected);
		assertThat(this.registry.store().versions(TOPIC + "-value")).containsExactly(1, 2);
	}

	@Test
	void withAutoRegistrationOnUseLatestVersionIsIgnoredAsInConfluentsSerializer() throws IOException {
		// Confluent documents use.latest.version as applying only with
		// auto.register.schemas=false: with registration on (the default) the record's
		// own schema is registered (or found) and its id written.
		this.registry.store().register(TOPIC + "-value", testPaymentV1().toString());
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		GenericRecord old = new GenericData.Record(testPaymentV1());
		old.put("orderId", "order-1");
		old.put("amount", 1000L);

		KafkaAvroSerializer<Object> serializer = serializer(Map.of("use.latest.version", "true"));
		byte[] fromOld = serializer.serialize(TOPIC, old);

		assertThat(HexFormat.of().formatHex(fromOld, 0, 5)).isEqualTo("0000000001");
		assertThat(deserializer(Map.of()).deserialize(TOPIC, fromOld)).isEqualTo(old);
		assertThat(this.registry.recordedRequests()).extracting(RecordedRequest::method, RecordedRequest::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/" + TOPIC + "-value/versions"),
					org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/1"));
	}

	@Test
	void withUseLatestVersionRefusesARecordTheLatestCannotRepresent() throws IOException {
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		Schema unrelated = SchemaBuilder.record("TestPayment")
			.namespace("com.example.payments.serde.test")
			.fields()
			.requiredInt("other")
			.endRecord();
		GenericRecord record = new GenericData.Record(unrelated);
		record.put("other", 1);

		assertThatThrownBy(() -> serializer(Map.of("auto.register.schemas", "false", "use.latest.version", "true"))
			.serialize(TOPIC, record)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("use.latest.version")
			.hasMessageContaining(TOPIC + "-value");
	}

	@Test
	void passesNullThrough() {
		assertThat(serializer(Map.of()).serialize(TOPIC, null)).isNull();
		assertThat(deserializer(Map.of()).deserialize(TOPIC, (byte[]) null)).isNull();
		assertThat(this.registry.recordedRequests()).isEmpty();
	}

	@Test
	void refusesValuesThatAreNotAvroRecords() {
		KafkaAvroSerializer<Object> serializer = serializer(Map.of());

		assertThatThrownBy(() -> serializer.serialize(TOPIC, "just a string"))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("java.lang.String")
			.hasMessageContaining(TOPIC);
	}

	@Test
	void reportsGarbageBytesAsInvalidWireFormat() {
		KafkaAvroDeserializer<Object> deserializer = deserializer(Map.of());

		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"orderId\":\"x\"}".getBytes()))
			.isInstanceOf(InvalidWireFormatException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("magic byte 0x7b");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] { 0, 0, 1 }))
			.isInstanceOf(InvalidWireFormatException.class)
			.hasMessageContaining("3 bytes");
		assertThat(this.registry.recordedRequests()).isEmpty();
	}

	@Test
	void reportsATruncatedPayloadNamingTopicAndSchemaId() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, payment("order-1", 1000));
		byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

		assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, truncated))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("schema id 1");
	}

	@Test
	void reportsAnUnknownSchemaIdAsPoisonWhenTheRegistryKnowsTheTopic() {
		this.registry.store().register(TOPIC + "-value", TestPayment.getClassSchema().toString());
		byte[] unknownId = HexFormat.of().parseHex("000000002a" + PINNED_HEX.substring(10));

		assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, unknownId))
			.isInstanceOfSatisfying(UnknownSchemaIdException.class, (ex) -> {
				assertThat(ex.topic()).isEqualTo(TOPIC);
				assertThat(ex.schemaId()).isEqualTo(42);
				assertThat(FailureClass.of(ex)).contains(FailureClass.POISON);
			})
			.hasMessageContaining("schema id 42")
			.hasMessageContaining(TOPIC)
			.hasCauseInstanceOf(SchemaNotFoundException.class);
	}

	@Test
	void reportsAnUnknownSchemaIdAsAConfigurationFaultWhenTheRegistryDoesNotKnowTheTopic() {
		// An empty registry (lost state) or another environment's: the record is not to
		// blame.
		this.registry.store().register("some.other.topic-value", TestPayment.getClassSchema().toString());
		byte[] unknownId = HexFormat.of().parseHex("000000002a" + PINNED_HEX.substring(10));

		assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, unknownId))
			.isInstanceOfSatisfying(RegistryStateException.class, (ex) -> {
				assertThat(ex.subject()).isEqualTo(TOPIC + "-value");
				assertThat(ex.schemaId()).isEqualTo(42);
				assertThat(FailureClass.of(ex)).contains(FailureClass.CONFIGURATION);
			})
			.hasMessageContaining(TOPIC + "-value")
			.hasMessageContaining("lost its state");
	}

	@Test
	void reportsAMissingReaderClass() {
		Schema unknownClass = SchemaBuilder.record("NoSuchRecord")
			.namespace("com.example.payments.serde.test")
			.fields()
			.requiredString("id")
			.endRecord();
		GenericRecord record = new GenericData.Record(unknownClass);
		record.put("id", "x");
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, record);

		assertThatThrownBy(() -> deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC, bytes))
			.isInstanceOfSatisfying(ReaderClassNotFoundException.class, (ex) -> {
				assertThat(ex.className()).isEqualTo("com.example.payments.serde.test.NoSuchRecord");
				assertThat(ex.schemaId()).isEqualTo(1);
			})
			.hasMessageContaining(TOPIC)
			.hasMessageContaining("specific.avro.value.type");
		// Without the specific reader the same bytes are readable.
		assertThat(deserializer(Map.of()).deserialize(TOPIC, bytes)).isInstanceOf(GenericRecord.class);
	}

	@Test
	void readsIntoAnExplicitlyConfiguredReaderType() throws IOException {
		Schema aliasWriter = new Schema.Parser()
			.parse(testPaymentV1().toString().replace("\"name\":\"TestPayment\"", "\"name\":\"LegacyPayment\""));
		GenericRecord legacy = new GenericData.Record(aliasWriter);
		legacy.put("orderId", "o-9");
		legacy.put("amount", 9L);
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, legacy);

		// No class is named LegacyPayment: by name the reader class cannot be found...
		assertThatThrownBy(() -> deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC, bytes))
			.isInstanceOf(ReaderClassNotFoundException.class);
		// ...but the configured type is used as the reader, fields resolved by name.
		Object read = deserializer(
				Map.of("specific.avro.reader", "true", "specific.avro.value.type", TestPayment.class.getName()))
			.deserialize(TOPIC, bytes);
		assertThat(read).isEqualTo(TestPayment.newBuilder().setOrderId("o-9").setAmount(9L).build());
	}

	@Test
	void reportsAnUnreachableRegistryOnBothSides() {
		String url = this.registry.url();
		this.registry.close();
		this.registry = SchemaRegistryLite.start(0);

		KafkaAvroSerializer<Object> serializer = new KafkaAvroSerializer<>();
		serializer.configure(Map.of("schema.registry.url", url), false);
		KafkaAvroDeserializer<Object> deserializer = new KafkaAvroDeserializer<>();
		deserializer.configure(Map.of("schema.registry.url", url), false);

		assertThatThrownBy(() -> serializer.serialize(TOPIC, payment("o", 1)))
			.isInstanceOfSatisfying(RegistryUnreachableException.class, (ex) -> {
				assertThat(ex.topic()).contains(TOPIC);
				assertThat(ex.subject()).contains(TOPIC + "-value");
				assertThat(FailureClass.of(ex)).contains(FailureClass.TRANSIENT);
			})
			.hasMessageContaining(url)
			.hasMessageContaining("topic '" + TOPIC + "' (subject '" + TOPIC + "-value')");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, HexFormat.of().parseHex(PINNED_HEX)))
			.isInstanceOf(RegistryUnreachableException.class)
			.hasMessageContaining(url)
			.hasMessageContaining("/schemas/ids/1")
			.hasMessageContaining("topic '" + TOPIC + "' (subject '" + TOPIC + "-value')");
	}

	@Test
	void failsFastOnAnUnsupportedSubjectNameStrategy() {
		KafkaAvroSerializer<Object> serializer = new KafkaAvroSerializer<>();
		Map<String, Object> configs = new HashMap<>();
		configs.put("schema.registry.url", this.registry.url());
		configs.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

		assertThatThrownBy(() -> serializer.configure(configs, false))
			.isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
			.hasMessageContaining("TopicRecordNameStrategy");
	}

	@Test
	void refusesUseBeforeConfigure() {
		assertThatThrownBy(() -> new KafkaAvroSerializer<Object>().serialize(TOPIC, payment("o", 1)))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new KafkaAvroDeserializer<Object>().deserialize(TOPIC, new byte[5]))
			.isInstanceOf(IllegalStateException.class);
	}

	private static TestPayment payment(String orderId, long amount) {
		return TestPayment.newBuilder().setOrderId(orderId).setAmount(amount).setCurrency("NOK").build();
	}

	private static Schema testPaymentV1() throws IOException {
		try (InputStream in = KafkaAvroSerdeIT.class.getResourceAsStream("/TestPayment-v1.avsc")) {
			return new Schema.Parser().parse(in);
		}
	}

	private <T> KafkaAvroSerializer<T> serializer(Map<String, Object> extra) {
		KafkaAvroSerializer<T> serializer = new KafkaAvroSerializer<>();
		serializer.configure(with(extra), false);
		return serializer;
	}

	private <T> KafkaAvroDeserializer<T> deserializer(Map<String, Object> extra) {
		KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>();
		deserializer.configure(with(extra), false);
		return deserializer;
	}

	private Map<String, Object> with(Map<String, Object> extra) {
		Map<String, Object> configs = new HashMap<>(extra);
		configs.put("schema.registry.url", this.registry.url());
		return configs;
	}

}
