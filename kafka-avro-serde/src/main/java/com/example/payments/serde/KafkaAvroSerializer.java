package com.example.payments.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.payments.serde.registry.RegisteredSchema;
import com.example.payments.serde.registry.SchemaRegistryClient;
import com.example.payments.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated SpecificRecord classes, or GenericRecord) in Confluent's
 * wire format, registering or looking up the schema under {@code <topic>-value} /
 * {@code <topic>-key}. Byte-for-byte what Confluent's {@code KafkaAvroSerializer} writes,
 * under the same properties.
 *
 * <p>
 * The registry is called once per schema, not per record. Thread-safe, as a producer
 * requires.
 *
 * @param <T> the record type
 */
public final class KafkaAvroSerializer<T> extends RegistryBackedSerde implements Serializer<T> {

	private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();

	private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

	private final Map<LatestAndOwn, Boolean> latestCanRepresent = new ConcurrentHashMap<>();

	/**
	 * For Kafka, which instantiates by class name and then calls {@link #configure}.
	 */
	public KafkaAvroSerializer() {
		super(null);
	}

	/**
	 * With a given registry client; {@code schema.registry.url} is then not needed.
	 * @param client the client
	 */
	public KafkaAvroSerializer(SchemaRegistryClient client) {
		super(client);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		configureSerde(configs, isKey);
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			// As Confluent: null stays null, so tombstones pass through.
			return null;
		}
		AvroSerdeConfig config = config();
		if (!(data instanceof IndexedRecord record)) {
			throw new SerializationException("Cannot serialize " + data.getClass().getName() + " for topic '" + topic
					+ "': only Avro records (SpecificRecord or GenericRecord) are supported");
		}
		String subject = config.subject(topic);
		try {
			return serialize(topic, subject, record, config);
		}
		catch (SchemaRegistryException ex) {
			throw ex.resolving(topic, subject);
		}
	}

	// As Confluent's serializer: auto-registration wins, and only with it off does
	// use.latest.version choose the subject's latest version over the record's own
	// schema.
	private byte[] serialize(String topic, String subject, IndexedRecord record, AvroSerdeConfig config) {
		int id;
		if (config.autoRegisterSchemas()) {
			id = client().register(subject, record.getSchema());
		}
		else if (config.useLatestVersion()) {
			RegisteredSchema latest = client().latestVersion(subject);
			id = latest.id();
			if (!latest.schema().equals(record.getSchema())) {
				return encode(id, this.genericWriters.computeIfAbsent(latest.schema(), GenericDatumWriter::new),
						rewrite(topic, subject, record, latest), topic);
			}
		}
		else {
			id = client().lookup(subject, record.getSchema()).id();
		}
		return encode(id, writer(record), record, topic);
	}

	// Turn the record into the shape of the subject's latest schema by Avro schema
	// resolution, so fields are matched by name, never by position.
	private Object rewrite(String topic, String subject, IndexedRecord record, RegisteredSchema latest) {
		Schema schema = record.getSchema();
		boolean compatible = this.latestCanRepresent.computeIfAbsent(new LatestAndOwn(latest.id(), schema),
				(ignored) -> SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema)
					.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
		if (!compatible) {
			throw new SerializationException(
					"Cannot serialize record for topic '" + topic + "' with " + AvroSerdeConfig.USE_LATEST_VERSION
							+ ": the latest version " + latest.version() + " (id " + latest.id() + ") of subject '"
							+ subject + "' cannot read records of schema " + schema.getFullName());
		}
		byte[] own = encodeBody(writer(record), record, topic);
		try {
			return new GenericDatumReader<>(schema, latest.schema()).read(null,
					DecoderFactory.get().binaryDecoder(own, null));
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot convert record for topic '" + topic + "' to version "
					+ latest.version() + " of subject '" + subject + "': " + ex.getMessage(), ex);
		}
	}

	private DatumWriter<Object> writer(IndexedRecord record) {
		// SpecificDatumWriter finds the generated class's own model, with its
		// logical-type conversions.
		return (record instanceof SpecificRecord)
				? this.specificWriters.computeIfAbsent(record.getSchema(), SpecificDatumWriter::new)
				: this.genericWriters.computeIfAbsent(record.getSchema(), GenericDatumWriter::new);
	}

	// Header and body go into one buffer: no second copy per record.
	private static byte[] encode(int schemaId, DatumWriter<Object> writer, Object datum, String topic) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		out.writeBytes(WireFormat.header(schemaId));
		writeBody(out, writer, datum, topic);
		return out.toByteArray();
	}

	private static byte[] encodeBody(DatumWriter<Object> writer, Object datum, String topic) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		writeBody(out, writer, datum, topic);
		return out.toByteArray();
	}

	private static void writeBody(ByteArrayOutputStream out, DatumWriter<Object> writer, Object datum, String topic) {
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		try {
			writer.write(datum, encoder);
			encoder.flush();
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot encode Avro record for topic '" + topic + "': " + ex.getMessage(),
					ex);
		}
	}

	/** The key of the "can the latest version read this record's schema" cache. */
	private record LatestAndOwn(int latestId, Schema own) {
	}

}
