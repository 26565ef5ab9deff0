package com.example.payments.serde;

import java.util.Map;
import java.util.Optional;

import com.example.payments.serde.test.TestPayment;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeConfigTests {

	@Test
	void defaultsMatchConfluents() {
		AvroSerdeConfig config = AvroSerdeConfig.parse(Map.of(), false);

		assertThat(config).isEqualTo(new AvroSerdeConfig(false, true, false, false, Optional.empty()));
	}

	@Test
	void namesSubjectsAfterTheTopic() {
		assertThat(AvroSerdeConfig.parse(Map.of(), false).subject("payments.events.v1"))
			.isEqualTo("payments.events.v1-value");
		assertThat(AvroSerdeConfig.parse(Map.of(), true).subject("payments.events.v1"))
			.isEqualTo("payments.events.v1-key");
	}

	@Test
	void readsFlagsAsStringsOrBooleans() {
		AvroSerdeConfig config = AvroSerdeConfig.parse(
				Map.of("auto.register.schemas", "false", "use.latest.version", true, "specific.avro.reader", " TRUE "),
				false);

		assertThat(config.autoRegisterSchemas()).isFalse();
		assertThat(config.useLatestVersion()).isTrue();
		assertThat(config.specificAvroReader()).isTrue();
	}

	@Test
	void rejectsAFlagThatIsNotABoolean() {
		assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of("auto.register.schemas", "yes"), false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("auto.register.schemas");
	}

	@Test
	void acceptsConfluentsTopicNameStrategyByName() {
		assertThat(AvroSerdeConfig.parse(
				Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy"),
				false))
			.isNotNull();
	}

	@Test
	void failsFastOnAnyOtherSubjectNameStrategy() {
		assertThatThrownBy(() -> AvroSerdeConfig.parse(
				Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
				false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("value.subject.name.strategy")
			.hasMessageContaining("RecordNameStrategy")
			.hasMessageContaining("only io.confluent.kafka.serializers.subject.TopicNameStrategy");
		assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of("key.subject.name.strategy", String.class), true))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("key.subject.name.strategy");
	}

	@Test
	void checksTheStrategyOfTheSideBeingConfigured() {
		// A key strategy does not concern a value serde, as in Confluent.
		assertThat(AvroSerdeConfig.parse(Map.of("key.subject.name.strategy", "x.Other"), false)).isNotNull();
	}

	@Test
	void loadsAnExplicitReaderTypeByNameOrClass() {
		assertThat(AvroSerdeConfig.parse(Map.of("specific.avro.value.type", TestPayment.class.getName()), false)
			.readerType()).contains(TestPayment.class);
		assertThat(AvroSerdeConfig.parse(Map.of("specific.avro.key.type", TestPayment.class), true).readerType())
			.contains(TestPayment.class);
	}

	@Test
	void rejectsAReaderTypeThatIsMissingOrNotASpecificRecord() {
		assertThatThrownBy(
				() -> AvroSerdeConfig.parse(Map.of("specific.avro.value.type", "com.example.Missing"), false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("com.example.Missing")
			.hasMessageContaining("not found");
		assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of("specific.avro.value.type", "java.lang.String"), false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("SpecificRecord");
	}

}
