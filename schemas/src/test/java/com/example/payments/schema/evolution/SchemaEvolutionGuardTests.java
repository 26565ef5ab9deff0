package com.example.payments.schema.evolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.schema.TopLevelSchemas;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.PaymentEvent;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SchemaEvolutionGuard}. The first test is the build's guard: it fails
 * when a change to {@code src/main/avro} cannot read what was released.
 */
class SchemaEvolutionGuardTests {

	private static final String PAYMENT_EVENT = "com.example.payments.schema.event.PaymentEvent";

	private final SchemaEvolutionGuard guard = new SchemaEvolutionGuard(ReleasedSchemas.fromClasspath());

	@Test
	void everyTopLevelSchemaReadsAllItsReleasedVersions() {
		this.guard.verify(TopLevelSchemas.all());
		for (Schema schema : TopLevelSchemas.all()) {
			assertThat(ReleasedSchemas.fromClasspath().versionsOf(schema.getFullName()))
				.as("released versions of %s", schema.getFullName())
				.isNotEmpty();
		}
	}

	@Test
	void reportsNewRequiredFieldWithoutDefault() {
		Schema candidate = CandidateSchemas.withField(PaymentEvent.getClassSchema(),
				new Field("tenantId", Schema.create(Schema.Type.STRING), "the tenant"));
		List<IncompatibleChange> changes = this.guard.check(candidate);
		// One change per released version the candidate cannot read (v1 to v3).
		assertThat(changes).extracting(IncompatibleChange::type).containsOnly("READER_FIELD_MISSING_DEFAULT_VALUE");
		assertThat(changes).extracting(IncompatibleChange::describe)
			.containsExactly(PAYMENT_EVENT
					+ " cannot read data written with released v1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/9 (tenantId)",
					PAYMENT_EVENT
							+ " cannot read data written with released v2: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/9 (tenantId)",
					PAYMENT_EVENT
							+ " cannot read data written with released v3: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/9 (tenantId)");
	}

	@Test
	void reportsRemovedUnionBranch() {
		Schema event = PaymentEvent.getClassSchema();
		List<Schema> branches = new ArrayList<>(event.getField("event").schema().getTypes());
		branches.removeIf((branch) -> branch.getName().equals("UserDetailsShared"));
		Schema candidate = CandidateSchemas.withFieldType(event, "event", Schema.createUnion(branches));
		// One change per released version (v1 to v3); the union's position moved in v2.
		assertThat(this.guard.check(candidate)).hasSize(3).allSatisfy((change) -> {
			assertThat(change.type()).isEqualTo("MISSING_UNION_BRANCH");
			assertThat(change.location()).isEqualTo("/fields/8/type/10");
			assertThat(change.describe()).startsWith(PAYMENT_EVENT + " cannot read data written with released v")
				.endsWith(
						"(reader union lacking writer type: RECORD com.example.payments.schema.event.UserDetailsShared)");
		});
	}

	@Test
	void reportsChangedFieldTypeInBothDirections() {
		Schema candidate = CandidateSchemas.withFieldType(PaymentCommand.getClassSchema(), "issuedAt",
				Schema.create(Schema.Type.STRING));
		assertThat(this.guard.check(candidate)).extracting(IncompatibleChange::describe)
			.containsExactly(
					"com.example.payments.schema.command.PaymentCommand cannot read data written with released v1: "
							+ "TYPE_MISMATCH at /fields/3/type (reader type: STRING not compatible with writer type: LONG)",
					"released v1 of com.example.payments.schema.command.PaymentCommand cannot read data written with "
							+ "the current schema: TYPE_MISMATCH at /fields/3/type "
							+ "(reader type: LONG not compatible with writer type: STRING)");
	}

	@Test
	void reportsARemovedFieldThatOldReadersStillNeed() {
		Schema candidate = CandidateSchemas.withFields(PaymentEvent.getClassSchema(), (fields) -> {
			fields.removeIf((field) -> field.name().equals("orderId"));
			return fields;
		});
		// Every released version's readers need it: one change per released version.
		assertThat(this.guard.check(candidate)).extracting(IncompatibleChange::version).containsExactly(1, 2, 3);
		assertThat(this.guard.check(candidate)).first().satisfies((change) -> {
			assertThat(change.direction()).isEqualTo(IncompatibleChange.Direction.FORWARD);
			assertThat(change.describe()).isEqualTo("released v1 of " + PAYMENT_EVENT
					+ " cannot read data written with the current schema: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2 (orderId)");
		});
	}

	@Test
	void reportsAnExistingEventTypeChangedBeyondWhatItsOldReadersRead() {
		// Old readers know PaymentCaptured by name: it is not a new type they may skip.
		Schema event = PaymentEvent.getClassSchema();
		List<Schema> branches = new ArrayList<>(event.getField("event").schema().getTypes());
		branches.replaceAll((branch) -> branch.getName().equals("PaymentCaptured")
				? CandidateSchemas.withFields(branch, (fields) -> {
					fields.removeIf((field) -> field.name().equals("amount"));
					return fields;
				}) : branch);
		Schema candidate = CandidateSchemas.withFieldType(event, "event", Schema.createUnion(branches));
		assertThat(this.guard.check(candidate)).extracting(IncompatibleChange::version).containsExactly(1, 2, 3);
		assertThat(this.guard.check(candidate)).allSatisfy((change) -> {
			assertThat(change.direction()).isEqualTo(IncompatibleChange.Direction.FORWARD);
			assertThat(change.type()).isEqualTo("MISSING_UNION_BRANCH");
			assertThat(change.detail()).endsWith("com.example.payments.schema.event.PaymentCaptured");
		});
	}

	@Test
	void reportsANewTypeInAUnionOldReadersCannotSkip(@TempDir Path released) throws IOException {
		// ["null", Refund] is a Refund in Java: an old reader has nowhere to put a
		// Dispute.
		String fullName = "com.example.test.Order";
		Schema refund = CandidateSchemas.record("com.example.test.Refund",
				new Field("amount", Schema.create(Schema.Type.LONG), "øre"));
		Schema dispute = CandidateSchemas.record("com.example.test.Dispute",
				new Field("reason", Schema.create(Schema.Type.STRING), "why"));
		Schema nullSchema = Schema.create(Schema.Type.NULL);
		write(released, fullName, 1, CandidateSchemas.record(fullName,
				new Field("note", Schema.createUnion(nullSchema, refund), "note", Field.NULL_DEFAULT_VALUE)));
		Schema current = CandidateSchemas.record(fullName,
				new Field("note", Schema.createUnion(nullSchema, refund, dispute), "note", Field.NULL_DEFAULT_VALUE));
		assertThat(new SchemaEvolutionGuard(ReleasedSchemas.fromDirectory(released)).check(current)).singleElement()
			.satisfies((change) -> {
				assertThat(change.direction()).isEqualTo(IncompatibleChange.Direction.FORWARD);
				assertThat(change.detail()).endsWith("com.example.test.Dispute");
			});
	}

	@Test
	void acceptsANewEnumSymbolThatOldReadersReadAsTheDefault() {
		Schema source = PaymentEvent.getClassSchema().getField("source").schema();
		List<String> symbols = new ArrayList<>(source.getEnumSymbols());
		symbols.add("BACKFILL");
		Schema candidate = CandidateSchemas.withFieldType(PaymentEvent.getClassSchema(), "source", Schema
			.createEnum(source.getName(), source.getDoc(), source.getNamespace(), symbols, source.getEnumDefault()));
		assertThat(this.guard.check(candidate)).isEmpty();
	}

	@Test
	void verifyFailsWithMessageNamingSchemaVersionAndProblem() {
		Schema candidate = CandidateSchemas.withField(PaymentEvent.getClassSchema(),
				new Field("tenantId", Schema.create(Schema.Type.STRING), "the tenant"));
		assertThatExceptionOfType(SchemaEvolutionException.class)
			.isThrownBy(() -> this.guard.verify(List.of(candidate)))
			.withMessageContaining("Schema evolution check failed")
			.withMessageContaining(PAYMENT_EVENT + " cannot read data written with released v1")
			.withMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
			.withMessageContaining("tenantId");
	}

	@Test
	void verifyFailsForSchemaNeverReleased() {
		Schema unreleased = CandidateSchemas.record("com.example.payments.schema.event.PaymentDisputed",
				new Field("amount", Schema.create(Schema.Type.LONG), "amount"));
		assertThatExceptionOfType(SchemaEvolutionException.class)
			.isThrownBy(() -> this.guard.verify(List.of(unreleased)))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"com.example.payments.schema.event.PaymentDisputed has no released version; release v1 (see the schemas README)"));
	}

	@Test
	void acceptsNewEventTypeAddedToUnionThoughOldReadersLackIt() {
		Schema event = PaymentEvent.getClassSchema();
		List<Schema> branches = new ArrayList<>(event.getField("event").schema().getTypes());
		branches.add(CandidateSchemas.record("com.example.payments.schema.event.PaymentDisputed",
				new Field("amount", Schema.create(Schema.Type.LONG), "disputed amount")));
		Schema candidate = CandidateSchemas.withFieldType(event, "event", Schema.createUnion(branches));
		assertThat(this.guard.check(candidate)).isEmpty();
		this.guard.verify(List.of(candidate));
	}

	@Test
	void acceptsNewOptionalFieldWithDefault() {
		Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
		Schema candidate = CandidateSchemas.withField(PaymentEvent.getClassSchema(),
				new Field("traceId", optionalString, "trace of the producing request", Field.NULL_DEFAULT_VALUE));
		assertThat(this.guard.check(candidate)).isEmpty();
	}

	@Test
	void checksEveryReleasedVersionNotOnlyTheLatest(@TempDir Path released) throws IOException {
		String fullName = "com.example.test.Amounts";
		Schema v1 = CandidateSchemas.record(fullName, new Field("amount", Schema.create(Schema.Type.LONG), "øre"));
		Schema v2 = CandidateSchemas.record(fullName, new Field("amount", Schema.create(Schema.Type.INT), "øre"));
		write(released, fullName, 1, v1);
		write(released, fullName, 2, v2);
		Schema current = CandidateSchemas.record(fullName, new Field("amount", Schema.create(Schema.Type.INT), "øre"));
		assertThat(new SchemaEvolutionGuard(ReleasedSchemas.fromDirectory(released)).check(current)).singleElement()
			.satisfies((change) -> {
				assertThat(change.version()).isEqualTo(1);
				assertThat(change.type()).isEqualTo("TYPE_MISMATCH");
			});
	}

	@Test
	void refusesReleasedFileHoldingAnotherSchema(@TempDir Path released) throws IOException {
		Schema other = CandidateSchemas.record("com.example.test.Other",
				new Field("id", Schema.create(Schema.Type.STRING), "id"));
		write(released, "com.example.test.Amounts", 1, other);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> ReleasedSchemas.fromDirectory(released).versionsOf("com.example.test.Amounts"))
			.withMessage("Released schema com.example.test.Amounts/v1.avsc defines com.example.test.Other, "
					+ "expected com.example.test.Amounts");
	}

	private static void write(Path root, String fullName, int version, Schema schema) throws IOException {
		Path file = root.resolve(ReleasedSchemas.relativePathOf(fullName, version));
		Files.createDirectories(file.getParent());
		Files.writeString(file, SchemaFormatter.format("json/pretty", schema));
	}

}
