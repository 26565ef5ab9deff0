package com.example.payments.schema.evolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.example.payments.schema.TopLevelSchemas;
import com.example.payments.schema.evolution.SchemaRelease.Outcome;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SchemaRelease}.
 */
class SchemaReleaseTests {

	private static final String FULL_NAME = "com.example.test.Order";

	private static final Schema V1 = CandidateSchemas.record(FULL_NAME,
			new Field("id", Schema.create(Schema.Type.STRING), "id"));

	@Test
	void releasedVersionsInTheModuleMatchTheCurrentSchemas() throws IOException {
		// A schema change and its released version go together: run the release step
		// (see README) when this fails.
		Path source = Path.of("src/main/avro-released");
		for (Schema current : TopLevelSchemas.all()) {
			List<ReleasedSchema> versions = ReleasedSchemas.fromDirectory(source).versionsOf(current.getFullName());
			assertThat(versions).as("released versions of %s", current.getFullName()).isNotEmpty();
			assertThat(versions.get(versions.size() - 1).schema())
				.as("latest released %s equals the current schema; run the release step", current.getFullName())
				.isEqualTo(current);
		}
	}

	@Test
	void writesFirstVersionThenNothingWhileUnchanged(@TempDir Path released) throws IOException {
		assertThat(SchemaRelease.releaseAll(released, List.of(V1))).containsExactly(new Outcome(FULL_NAME, 1, true));
		assertThat(released.resolve(FULL_NAME + "/v1.avsc")).isRegularFile();
		assertThat(SchemaRelease.releaseAll(released, List.of(V1))).containsExactly(new Outcome(FULL_NAME, 1, false));
		assertThat(ReleasedSchemas.fromDirectory(released).versionsOf(FULL_NAME)).extracting(ReleasedSchema::schema)
			.containsExactly(V1);
	}

	@Test
	void writesNextVersionForCompatibleChange(@TempDir Path released) throws IOException {
		SchemaRelease.releaseAll(released, List.of(V1));
		Schema v2 = CandidateSchemas.withField(V1,
				new Field("note", Schema.create(Schema.Type.STRING), "note", "none"));
		assertThat(SchemaRelease.releaseAll(released, List.of(v2))).containsExactly(new Outcome(FULL_NAME, 2, true));
		assertThat(ReleasedSchemas.fromDirectory(released).versionsOf(FULL_NAME)).extracting(ReleasedSchema::version)
			.containsExactly(1, 2);
	}

	@Test
	void refusesIncompatibleChangeAndWritesNothing(@TempDir Path released) throws IOException {
		SchemaRelease.releaseAll(released, List.of(V1));
		Schema incompatible = CandidateSchemas.withField(V1,
				new Field("note", Schema.create(Schema.Type.STRING), "note"));
		assertThatExceptionOfType(SchemaEvolutionException.class)
			.isThrownBy(() -> SchemaRelease.releaseAll(released, List.of(incompatible)))
			.withMessageContaining(FULL_NAME + " cannot read data written with released v1");
		assertThat(Files.exists(released.resolve(FULL_NAME + "/v2.avsc"))).isFalse();
	}

	@Test
	void describesOutcome() {
		assertThat(new Outcome(FULL_NAME, 2, true).describe()).isEqualTo("released com.example.test.Order v2");
		assertThat(new Outcome(FULL_NAME, 2, false).describe()).isEqualTo("unchanged com.example.test.Order v2");
	}

}
