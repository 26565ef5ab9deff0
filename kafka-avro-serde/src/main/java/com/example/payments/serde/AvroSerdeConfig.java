package com.example.payments.serde;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's own settings, under Confluent's property names. How to reach the registry
 * is in {@link com.example.payments.serde.registry.RegistryClientConfig}.
 *
 * @param isKey whether this serde handles record keys (subject {@code <topic>-key})
 * @param autoRegisterSchemas register the record's schema when serializing; otherwise
 * look it up and fail if it is not registered
 * @param useLatestVersion serialize with the subject's latest registered version
 * @param specificAvroReader deserialize to generated SpecificRecord classes instead of
 * GenericRecord
 * @param readerType the class to read into, overriding the one named by the writer schema
 */
public record AvroSerdeConfig(boolean isKey, boolean autoRegisterSchemas, boolean useLatestVersion,
		boolean specificAvroReader, Optional<Class<? extends SpecificRecord>> readerType) {

	/** Register schemas when serializing (default true). */
	public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	/** Serialize with the subject's latest version (default false). */
	public static final String USE_LATEST_VERSION = "use.latest.version";

	/** Read into SpecificRecord classes (default false: GenericRecord). */
	public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	/** Reader class for keys. */
	public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";

	/** Reader class for values. */
	public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

	/** Subject naming for keys; only Confluent's TopicNameStrategy. */
	public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	/** Subject naming for values; only Confluent's TopicNameStrategy. */
	public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	/**
	 * The one strategy implemented: subject {@code <topic>-key} / {@code <topic>-value}.
	 */
	public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

	/**
	 * Read the settings from Kafka client properties.
	 * @param configs the properties passed to {@code configure}
	 * @param isKey whether the serde handles keys
	 * @return the settings
	 * @throws ConfigException naming the offending property
	 */
	public static AvroSerdeConfig parse(Map<String, ?> configs, boolean isKey) {
		requireTopicNameStrategy(configs, isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
		return new AvroSerdeConfig(isKey, bool(configs, AUTO_REGISTER_SCHEMAS, true),
				bool(configs, USE_LATEST_VERSION, false), bool(configs, SPECIFIC_AVRO_READER, false),
				readerType(configs, isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE));
	}

	/**
	 * The subject a topic's records are registered under (TopicNameStrategy).
	 * @param topic the topic
	 * @return {@code <topic>-key} or {@code <topic>-value}
	 */
	public String subject(String topic) {
		return topic + (this.isKey ? "-key" : "-value");
	}

	private static void requireTopicNameStrategy(Map<String, ?> configs, String name) {
		Object value = configs.get(name);
		String strategy = (value instanceof Class<?> type) ? type.getName()
				: (value != null) ? value.toString().trim() : "";
		if (!strategy.isEmpty() && !strategy.equals(TOPIC_NAME_STRATEGY)) {
			throw new ConfigException(name, strategy, "only " + TOPIC_NAME_STRATEGY
					+ " (subject <topic>-key / <topic>-value) is supported by this serde; use Confluent's serde for other strategies");
		}
	}

	private static boolean bool(Map<String, ?> configs, String name, boolean defaultValue) {
		Object value = configs.get(name);
		if (value == null || value.toString().isBlank()) {
			return defaultValue;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		String text = value.toString().trim().toLowerCase(Locale.ROOT);
		if (text.equals("true") || text.equals("false")) {
			return Boolean.parseBoolean(text);
		}
		throw new ConfigException(name, value, "expected true or false");
	}

	private static Optional<Class<? extends SpecificRecord>> readerType(Map<String, ?> configs, String name) {
		Object value = configs.get(name);
		if (value == null || value.toString().isBlank()) {
			return Optional.empty();
		}
		Class<?> type;
		if (value instanceof Class<?> given) {
			type = given;
		}
		else {
			try {
				type = Class.forName(value.toString().trim(), true, classLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new ConfigException(name, value, "class not found on the classpath");
			}
		}
		if (!SpecificRecord.class.isAssignableFrom(type)) {
			throw new ConfigException(name, value,
					"must be a generated Avro class implementing " + SpecificRecord.class.getName());
		}
		return Optional.of(type.asSubclass(SpecificRecord.class));
	}

	static ClassLoader classLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : AvroSerdeConfig.class.getClassLoader();
	}

}
