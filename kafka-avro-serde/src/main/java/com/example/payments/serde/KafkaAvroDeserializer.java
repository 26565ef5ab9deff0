package com.example.payments.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.payments.serde.registry.SchemaNotFoundException;
import com.example.payments.serde.registry.SchemaRegistryClient;
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
 * schema; otherwise a GenericRecord in the writer's schema. Failures are
 * {@link SerializationException}s naming topic and schema id; wrap this deserializer in
 * spring-kafka's {@code ErrorHandlingDeserializer} so one bad record cannot stop a
 * partition.
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
		Schema writer;
		try {
			writer = client().schemaById(id);
		}
		catch (SchemaNotFoundException ex) {
			throw new UnknownSchemaIdException(topic, id, ex);
		}
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
		Schema readerSchema = model.getSchema(type);
		return new SpecificDatumReader<>(writer, readerSchema, model);
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
