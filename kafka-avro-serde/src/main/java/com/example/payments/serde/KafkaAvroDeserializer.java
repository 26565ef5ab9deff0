package com.example.payments.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.payments.serde.registry.SchemaNotFoundException;
import com.example.payments.serde.registry.SchemaRegistryClient;
import com.example.payments.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in Confluent's wire format: fetches the writer schema by the id in the
 * record (once per id) and resolves it to the reader schema, so a consumer built against
 * a newer schema reads older records (and the reverse, within the compatibility rules).
 *
 * <p>
 * With {@code specific.avro.reader=true} the result is the generated class named by the
 * writer schema's full name (or {@code specific.avro.value.type}), read with that class's
 * schema; otherwise a GenericRecord in the writer's schema. A record type that a newer
 * writer added to a union of several record types is read as an
 * {@link UnknownUnionBranch} inside the generated envelope, so a consumer built before it
 * can skip the record instead of failing on it.
 *
 * <p>
 * Failures are {@link SerializationException}s naming topic, subject and schema id;
 * {@link FailureClass#of} tells whether to wait (the registry is unavailable or
 * misconfigured) or to dead-letter the record (it can never be read).
 *
 * @param <T> the type the configuration produces (a SpecificRecord class, GenericRecord,
 * or Object)
 */
public final class KafkaAvroDeserializer<T> extends RegistryBackedSerde implements Deserializer<T> {

	private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

	/**
	 * For Kafka, which instantiates by class name and then calls {@link #configure}.
	 */
	public KafkaAvroDeserializer() {
		super(null);
	}

	/**
	 * With a given registry client; {@code schema.registry.url} is then not needed.
	 * @param client the client
	 */
	public KafkaAvroDeserializer(SchemaRegistryClient client) {
		super(client);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		configureSerde(configs, isKey);
	}

	@Override
	@SuppressWarnings("unchecked")
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		int id = WireFormat.schemaId(topic, data);
		DatumReader<Object> reader = this.readers.get(id);
		if (reader == null) {
			reader = reader(topic, id);
			this.readers.put(id, reader);
		}
		try {
			return (T) reader.read(null, DecoderFactory.get()
				.binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot decode Avro record from topic '" + topic + "' with schema id " + id
					+ " (" + data.length + " bytes): " + ex, ex);
		}
	}

	private DatumReader<Object> reader(String topic, int id) {
		AvroSerdeConfig config = config();
		Schema writer = writerSchema(topic, id, config.subject(topic));
		if (!config.specificAvroReader()) {
			return new GenericDatumReader<>(writer, writer);
		}
		if (config.readerType().isEmpty() && writer.getType() != Schema.Type.RECORD) {
			// Primitives and unions have no generated class; Confluent reads them
			// generically too.
			return new GenericDatumReader<>(writer, writer);
		}
		Class<? extends SpecificRecord> type = config.readerType().orElseGet(() -> readerClass(topic, id, writer));
		SpecificData model = SpecificData.getForClass(type);
		WidenedReaderSchema reader = WidenedReaderSchema.of(writer, model.getSchema(type), model);
		return new SpecificDatumReader<>(writer, reader.schema(), reader.model());
	}

	private Schema writerSchema(String topic, int id, String subject) {
		try {
			return client().schemaById(id);
		}
		catch (SchemaNotFoundException notFound) {
			// Poison only if the registry is healthy: one that does not even know the
			// topic's subject lost its state or is the wrong one.
			boolean healthy;
			try {
				healthy = client().hasSubject(subject);
			}
			catch (SchemaRegistryException ex) {
				throw ex.resolving(topic, subject);
			}
			if (!healthy) {
				throw new RegistryStateException(topic, subject, id, notFound);
			}
			throw new UnknownSchemaIdException(topic, id, notFound);
		}
		catch (SchemaRegistryException ex) {
			throw ex.resolving(topic, subject);
		}
	}

	private static Class<? extends SpecificRecord> readerClass(String topic, int id, Schema writer) {
		String name = writer.getFullName();
		try {
			Class<?> type = Class.forName(name, true, AvroSerdeConfig.classLoader());
			if (!SpecificRecord.class.isAssignableFrom(type)) {
				throw new ReaderClassNotFoundException(topic, id, name, null);
			}
			return type.asSubclass(SpecificRecord.class);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new ReaderClassNotFoundException(topic, id, name, ex);
		}
	}

}
