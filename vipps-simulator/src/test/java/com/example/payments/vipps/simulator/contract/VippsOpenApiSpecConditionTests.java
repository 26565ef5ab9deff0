package com.example.payments.vipps.simulator.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link VippsOpenApiSpecCondition}: contract tests run where the spec is, are
 * skipped with a message saying where it was looked for where it is not, and fail instead
 * where it is required (CI).
 */
class VippsOpenApiSpecConditionTests {

	private Properties saved;

	@BeforeEach
	void saveSystemProperties() {
		this.saved = (Properties) System.getProperties().clone();
	}

	@AfterEach
	void restoreSystemProperties() {
		System.setProperties(this.saved);
	}

	@Test
	void runsTheContractTestsWhereTheSpecIs(@TempDir Path spec) throws Exception {
		Files.writeString(spec.resolve("swagger.yaml"), "openapi: 3.0.1");
		Files.writeString(spec.resolve("ms_import.yaml"), "openapi: 3.0.1");
		System.setProperty(VippsOpenApiContract.DIRECTORY_PROPERTY, spec.toString());

		ConditionEvaluationResult result = VippsOpenApiSpecCondition.evaluate();

		assertThat(result.isDisabled()).isFalse();
	}

	@Test
	void skipsThemSayingWhereItLookedAndHowToPointAtTheSpec(@TempDir Path empty) {
		System.setProperty(VippsOpenApiContract.DIRECTORY_PROPERTY, empty.toString());
		System.setProperty(VippsOpenApiSpecCondition.REQUIRED_PROPERTY, "false");

		ConditionEvaluationResult result = VippsOpenApiSpecCondition.evaluate();

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).contains(empty.toAbsolutePath().toString(), "-Dvipps.openapi.dir=")
					.doesNotContain("\n"));
	}

	@Test
	void failsThemWhereTheSpecIsRequired(@TempDir Path empty) {
		System.setProperty(VippsOpenApiContract.DIRECTORY_PROPERTY, empty.toString());
		System.setProperty(VippsOpenApiSpecCondition.REQUIRED_PROPERTY, "true");

		assertThatIllegalStateException().isThrownBy(VippsOpenApiSpecCondition::evaluate)
			.withMessageContaining(empty.toAbsolutePath().toString())
			.withMessageContaining("required");
	}

}
