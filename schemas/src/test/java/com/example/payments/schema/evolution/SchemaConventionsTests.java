package com.example.payments.schema.evolution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.example.payments.schema.TopLevelSchemas;
import com.example.payments.schema.event.EventSource;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchemaConventions}.
 */
class SchemaConventionsTests {

	@Test
	void everyTopLevelSchemaFollowsTheConventions() {
		for (Schema schema : TopLevelSchemas.all()) {
			assertThat(SchemaConventions.violations(schema)).as(schema.getFullName()).isEmpty();
		}
	}

	@Test
	void reportsEveryBrokenRule() {
		Schema enumWithoutDefault = Schema.createEnum("Colour", null, "com.example.test", List.of("RED", "GREEN"));
		Schema record = Schema.createRecord("Bad", null, "com.example.test", false,
				List.of(new Field("amount", Schema.create(Schema.Type.INT), "amount in øre"),
						new Field("shippingCost", Schema.create(Schema.Type.DOUBLE), "NOK"),
						new Field("createdAt", Schema.create(Schema.Type.STRING), "when"),
						new Field("colour", enumWithoutDefault, null)));
		assertThat(SchemaConventions.violations(record)).containsExactly("com.example.test.Bad: needs a doc string",
				"com.example.test.Bad.amount: amounts must be long øre, is int",
				"com.example.test.Bad.shippingCost: amounts must be long øre, is double",
				"com.example.test.Bad.createdAt: instants must be timestamp-millis, is string",
				"com.example.test.Bad.colour: needs a doc string", "com.example.test.Colour: needs a doc string",
				"com.example.test.Colour: enums need a default symbol (e.g. UNKNOWN) so they can grow");
	}

	@Test
	void acceptsOptionalTimestampAndAmount() {
		Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
		Schema record = Schema.createRecord("Good", "a good record", "com.example.test", false,
				List.of(new Field("expiresAt", Schema.createUnion(Schema.create(Schema.Type.NULL), timestamp), "when",
						Field.NULL_DEFAULT_VALUE),
						new Field("remainingAmount",
								Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)),
								"øre", Field.NULL_DEFAULT_VALUE)));
		assertThat(SchemaConventions.violations(record)).isEmpty();
	}

	@Test
	void readerMeetingUnknownEnumSymbolGetsTheDefault() throws IOException {
		// Why every enum has a default: a consumer built before a symbol was added still
		// reads records that carry it.
		Schema newerWriter = Schema.createEnum("EventSource", null, "com.example.payments.schema.event",
				List.of("UNKNOWN", "COMMAND", "CALLBACK", "RECONCILIATION", "BACKFILL"), "UNKNOWN");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
		new GenericDatumWriter<Object>(newerWriter).write(new GenericData.EnumSymbol(newerWriter, "BACKFILL"), encoder);
		encoder.flush();
		EventSource read = new SpecificDatumReader<EventSource>(newerWriter, EventSource.getClassSchema()).read(null,
				DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
		assertThat(read).isEqualTo(EventSource.UNKNOWN);
	}

}
