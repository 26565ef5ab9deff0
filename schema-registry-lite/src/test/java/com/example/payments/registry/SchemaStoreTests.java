package com.example.payments.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaStoreTests {

	private final SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD);

	@Test
	void assignsIdsFromOneAndVersionsPerSubject() {
		RegisteredSchema first = this.store.register("orders-value", TestSchemas.ORDER_V1);
		RegisteredSchema second = this.store.register("orders-value", TestSchemas.ORDER_V2);

		assertThat(first.id()).isEqualTo(1);
		assertThat(first.version()).isEqualTo(1);
		assertThat(second.id()).isEqualTo(2);
		assertThat(second.version()).isEqualTo(2);
	}

	@Test
	void registeringTheSameSchemaAgainReturnsTheSameIdAndVersion() {
		RegisteredSchema first = this.store.register("orders-value", TestSchemas.ORDER_V1);
		RegisteredSchema again = this.store.register("orders-value", TestSchemas.ORDER_V1);

		assertThat(again).isEqualTo(first);
		assertThat(this.store.versions("orders-value")).containsExactly(1);
	}

	@Test
	void sameSchemaTextDifferentlyFormattedGetsTheSameIdInAnotherSubject() {
		RegisteredSchema first = this.store.register("orders-value", TestSchemas.ORDER_V1);
		String reformatted = TestSchemas.ORDER_V1.replace("\n", " ").replace("{\"name\"", "{ \"name\" ");

		RegisteredSchema other = this.store.register("refunds-value", reformatted);

		assertThat(other.id()).isEqualTo(first.id());
		assertThat(other.version()).isEqualTo(1);
		assertThat(this.store.subjectsOf(first.id())).containsExactly("orders-value", "refunds-value");
	}

	@Test
	void aChangedDefaultIsADifferentSchema() {
		RegisteredSchema withZero = this.store.register("orders-value", TestSchemas.ORDER_V2);
		RegisteredSchema withOne = this.store.register("orders-value",
				TestSchemas.ORDER_V2.replace("\"default\":0", "\"default\":1"));

		assertThat(withOne.id()).isNotEqualTo(withZero.id());
	}

	@Test
	void rejectsABackwardIncompatibleSchemaUnderBackward() {
		this.store.register("orders-value", TestSchemas.ORDER_V2);

		assertThatThrownBy(() -> this.store.register("orders-value", TestSchemas.ORDER_V3_NO_DEFAULT))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(409);
				assertThat(ex.errorCode()).isEqualTo(409);
			})
			.hasMessageContaining("orders-value")
			.hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
			.hasMessageContaining("currency");
		assertThat(this.store.versions("orders-value")).containsExactly(1);
	}

	@Test
	void acceptsTheSameChangeUnderNone() {
		this.store.register("orders-value", TestSchemas.ORDER_V2);
		this.store.setSubjectLevel("orders-value", CompatibilityLevel.NONE);

		RegisteredSchema registered = this.store.register("orders-value", TestSchemas.ORDER_V3_NO_DEFAULT);

		assertThat(registered.version()).isEqualTo(2);
	}

	@Test
	void subjectLevelOverridesTheGlobalLevelOnlyForThatSubject() {
		this.store.setGlobalLevel(CompatibilityLevel.NONE);
		this.store.setSubjectLevel("strict-value", CompatibilityLevel.BACKWARD);
		this.store.register("strict-value", TestSchemas.ORDER_V2);
		this.store.register("loose-value", TestSchemas.ORDER_V2);

		assertThat(this.store.register("loose-value", TestSchemas.ORDER_V3_NO_DEFAULT).version()).isEqualTo(2);
		assertThatThrownBy(() -> this.store.register("strict-value", TestSchemas.ORDER_V3_NO_DEFAULT))
			.isInstanceOf(RegistryException.class);
	}

	@Test
	void transitiveLevelsCheckEveryVersionNonTransitiveOnlyTheLatest() {
		this.store.setGlobalLevel(CompatibilityLevel.FORWARD);
		this.store.register("orders-value", TestSchemas.ORDER_V1);
		// v1 can read V3 data (it ignores extra fields): FORWARD-compatible with v1.
		this.store.register("orders-value", TestSchemas.ORDER_V3_NO_DEFAULT);
		String dropsCurrency = TestSchemas.ORDER_V2;

		// FORWARD: the latest (v3) must read TestSchemas.ORDER_V2 data, but v3 needs
		// currency, which V2 lacks.
		assertThat(this.store.incompatibilities("orders-value", null, dropsCurrency)).isNotEmpty();
		// Against v1 alone it is fine.
		assertThat(this.store.incompatibilities("orders-value", 1, dropsCurrency)).isEmpty();

		this.store.setGlobalLevel(CompatibilityLevel.BACKWARD);
		// BACKWARD against the latest (v3): TestSchemas.ORDER_WITHOUT_AMOUNT ignores
		// amount and currency, fine.
		assertThat(this.store.incompatibilities("orders-value", null, TestSchemas.ORDER_WITHOUT_AMOUNT)).isEmpty();
		this.store.setGlobalLevel(CompatibilityLevel.FORWARD_TRANSITIVE);
		// FORWARD_TRANSITIVE: v3 cannot read it (no currency), and v1 can.
		assertThat(this.store.incompatibilities("orders-value", null, TestSchemas.ORDER_WITHOUT_AMOUNT)).hasSize(1)
			.allSatisfy((message) -> assertThat(message).contains("oldSchemaVersion: 2"));
	}

	@Test
	void fullChecksBothDirections() {
		this.store.setGlobalLevel(CompatibilityLevel.FULL);
		this.store.register("orders-value", TestSchemas.ORDER_V2);

		// Backward fine (new reader ignores amount, defaults note); forward also fine
		// (old reader defaults amount).
		assertThat(this.store.incompatibilities("orders-value", null, TestSchemas.ORDER_WITHOUT_AMOUNT)).isEmpty();
		// Adding a field without default: backward fails; forward is fine; FULL reports
		// it.
		assertThat(this.store.incompatibilities("orders-value", null, TestSchemas.ORDER_V3_NO_DEFAULT))
			.anySatisfy((message) -> assertThat(message).contains("BACKWARD"));
		// Removing a field that has no default in the old schema: forward fails.
		String withoutId = TestSchemas.ORDER_V2.replace("{\"name\":\"id\",\"type\":\"string\"},", "");
		assertThat(this.store.incompatibilities("orders-value", null, withoutId))
			.anySatisfy((message) -> assertThat(message).contains("FORWARD"));
	}

	@Test
	void compatibilityAgainstLatestOfAnUnknownSubjectIsTrue() {
		assertThat(this.store.incompatibilities("nobody-value", null, TestSchemas.ORDER_V1)).isEmpty();
	}

	@Test
	void rejectsInvalidSchemas() {
		assertThatThrownBy(() -> this.store.register("orders-value", "{\"type\":\"record\"}"))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42201));
		assertThatThrownBy(() -> this.store.register("orders-value", ""))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42201));
		String badDefault = TestSchemas.ORDER_V2.replace("\"default\":0", "\"default\":\"zero\"");
		assertThatThrownBy(() -> this.store.register("orders-value", badDefault))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42201));
	}

	@Test
	void lookupFindsTheVersionOrSaysWhatIsMissing() {
		this.store.register("orders-value", TestSchemas.ORDER_V1);
		this.store.register("orders-value", TestSchemas.ORDER_V2);

		assertThat(this.store.lookup("orders-value", TestSchemas.ORDER_V1).version()).isEqualTo(1);
		assertThatThrownBy(() -> this.store.lookup("orders-value", TestSchemas.ORDER_WITHOUT_AMOUNT))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
		assertThatThrownBy(() -> this.store.lookup("nobody-value", TestSchemas.ORDER_V1))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40401));
	}

	@Test
	void versionsAndLatest() {
		this.store.register("orders-value", TestSchemas.ORDER_V1);
		this.store.register("orders-value", TestSchemas.ORDER_V2);

		assertThat(this.store.version("orders-value", null).version()).isEqualTo(2);
		assertThat(this.store.version("orders-value", 1).id()).isEqualTo(1);
		assertThatThrownBy(() -> this.store.version("orders-value", 3)).isInstanceOfSatisfying(RegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(40402));
		assertThatThrownBy(() -> this.store.schemaById(99)).isInstanceOfSatisfying(RegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
	}

	@Test
	void deletingASubjectKeepsItsIdsResolvable() {
		RegisteredSchema registered = this.store.register("orders-value", TestSchemas.ORDER_V1);

		assertThat(this.store.deleteSubject("orders-value")).containsExactly(1);

		assertThat(this.store.subjects()).isEmpty();
		assertThat(this.store.schemaById(registered.id())).contains("Order");
		assertThat(this.store.register("orders-value", TestSchemas.ORDER_V1)).isEqualTo(registered);
	}

	@Test
	void clearingASubjectLevelThatWasNeverSetIsAnError() {
		assertThatThrownBy(() -> this.store.clearSubjectLevel("orders-value"))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40408));
	}

	@Test
	void journalKeepsIdsVersionsAndLevelsAcrossRestarts(@TempDir Path dir) {
		SchemaStore before = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));
		before.register("orders-value", TestSchemas.ORDER_V1);
		before.register("orders-value", TestSchemas.ORDER_V2);
		before.register("other-value", TestSchemas.ORDER_WITHOUT_AMOUNT);
		before.setSubjectLevel("orders-value", CompatibilityLevel.NONE);
		before.setGlobalLevel(CompatibilityLevel.FULL);
		before.deleteSubject("other-value");

		SchemaStore after = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));

		assertThat(after.version("orders-value", null)).isEqualTo(before.version("orders-value", null));
		assertThat(after.subjects()).containsExactly("orders-value");
		assertThat(after.schemaById(3)).contains("note");
		assertThat(after.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
		assertThat(after.subjectLevel("orders-value")).contains(CompatibilityLevel.NONE);
		assertThat(after.register("new-value", TestSchemas.ORDER_V3_NO_DEFAULT).id()).isEqualTo(4);
	}

	@Test
	void journalCutsOffATornLastLineButRefusesEarlierDamage(@TempDir Path dir) throws Exception {
		SchemaStore before = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));
		before.register("orders-value", TestSchemas.ORDER_V1);
		Path journal = dir.resolve("schemas.journal");
		String complete = Files.readString(journal);
		Files.writeString(journal, complete + "{\"op\":\"regis");

		assertThat(new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir)).schemaById(1))
			.contains("Order");
		assertThat(Files.readString(journal)).as("torn line removed on open").isEqualTo(complete);

		Files.writeString(journal, "garbage\n" + Files.readString(journal));
		assertThatThrownBy(() -> new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("line 1");
	}

	@Test
	void keepsEveryConfirmedIdWhenACrashTearsTheLastJournalLine(@TempDir Path dir) throws Exception {
		Path journal = dir.resolve("schemas.journal");
		// register, then kill -9: nothing is closed, the journal is all that survives
		SchemaStore first = new SchemaStore(CompatibilityLevel.NONE, SchemaJournal.file(dir));
		first.register("orders-value", TestSchemas.ORDER_V1);
		// the crash hit the middle of the next append: half a line, no line end
		Files.writeString(journal, "{\"op\":\"register\",\"subject\":\"orders-value\",\"vers",
				StandardOpenOption.APPEND);
		// start, register (the id confirmed to a producer), stop
		SchemaStore second = new SchemaStore(CompatibilityLevel.NONE, SchemaJournal.file(dir));
		int confirmed = second.register("refunds-value", TestSchemas.ORDER_V2).id();
		// start, read the id back, register again, stop
		SchemaStore third = new SchemaStore(CompatibilityLevel.NONE, SchemaJournal.file(dir));
		assertThat(third.schemaById(confirmed)).isEqualTo(SchemaStore.parse(TestSchemas.ORDER_V2).toString());
		int another = third.register("notes-value", TestSchemas.ORDER_WITHOUT_AMOUNT).id();
		// start: the journal is whole and every id still names its own schema
		SchemaStore fourth = new SchemaStore(CompatibilityLevel.NONE, SchemaJournal.file(dir));

		assertThat(another).isNotEqualTo(confirmed);
		assertThat(fourth.schemaById(confirmed)).isEqualTo(SchemaStore.parse(TestSchemas.ORDER_V2).toString());
		assertThat(fourth.schemaById(another))
			.isEqualTo(SchemaStore.parse(TestSchemas.ORDER_WITHOUT_AMOUNT).toString());
		assertThat(fourth.subjects()).containsExactly("notes-value", "orders-value", "refunds-value");
		assertThat(Files.readAllLines(journal)).hasSize(3);
	}

	@Test
	void anAppendCutsOffBytesThatNoWholeEntryWrote(@TempDir Path dir) throws Exception {
		Path journal = dir.resolve("schemas.journal");
		SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));
		store.register("orders-value", TestSchemas.ORDER_V1);
		// what a write that failed half-way (a full disk) leaves behind
		Files.writeString(journal, "{\"op\":\"regi", StandardOpenOption.APPEND);

		store.register("refunds-value", TestSchemas.ORDER_V2);

		assertThat(new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir)).subjects())
			.containsExactly("orders-value", "refunds-value");
		assertThat(Files.readAllLines(journal)).hasSize(2).allSatisfy((line) -> assertThat(line).startsWith("{\"op\""));
	}

	@Test
	void deletingASubjectAlsoRemovesItsOwnCompatibilityLevel(@TempDir Path dir) {
		SchemaStore before = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));
		before.register("orders-value", TestSchemas.ORDER_V1);
		before.setSubjectLevel("orders-value", CompatibilityLevel.NONE);
		before.setSubjectLevel("other-value", CompatibilityLevel.FULL);

		before.deleteSubject("orders-value");

		assertThat(before.subjectLevel("orders-value")).isEmpty();
		assertThat(before.subjectLevel("other-value")).contains(CompatibilityLevel.FULL);
		// BACKWARD again: a schema v1 data cannot be read with is refused
		before.register("orders-value", TestSchemas.ORDER_V2);
		assertThatThrownBy(() -> before.register("orders-value", TestSchemas.ORDER_V3_NO_DEFAULT))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.httpStatus()).isEqualTo(409));
		SchemaStore after = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(dir));
		assertThat(after.subjectLevel("orders-value")).isEmpty();
		assertThat(after.subjectLevel("other-value")).contains(CompatibilityLevel.FULL);
	}

	@Test
	void listsEverySubjectVersionThatHoldsAnId() {
		this.store.register("orders-value", TestSchemas.ORDER_V1);
		this.store.register("orders-value", TestSchemas.ORDER_V2);
		this.store.register("refunds-value", TestSchemas.ORDER_V1);

		assertThat(this.store.versionsOf(1)).extracting(RegisteredSchema::subject, RegisteredSchema::version)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("orders-value", 1),
					org.assertj.core.groups.Tuple.tuple("refunds-value", 1));
		assertThat(this.store.versionsOf(2)).extracting(RegisteredSchema::version).containsExactly(2);
		assertThatThrownBy(() -> this.store.versionsOf(9)).isInstanceOfSatisfying(RegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
	}

	@Test
	void aJournalThatCannotBeWrittenIsAStoreErrorAndChangesNothing(@TempDir Path dir) throws Exception {
		Path blocker = dir.resolve("not-a-directory");
		Files.writeString(blocker, "x");
		SchemaStore broken = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaJournal.file(blocker));

		assertThatThrownBy(() -> broken.register("orders-value", TestSchemas.ORDER_V1))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(50001));
		assertThat(broken.subjects()).isEmpty();
	}

}
