package com.example.payments.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityLevelTests {

	@Test
	void parsesLevelNamesCaseInsensitively() {
		assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
		assertThat(CompatibilityLevel.parse(" Backward ")).isEqualTo(CompatibilityLevel.BACKWARD);
	}

	@Test
	void rejectsUnknownLevelsWithTheConfluentErrorCode() {
		assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
			.isInstanceOfSatisfying(RegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42203))
			.hasMessageContaining("SIDEWAYS")
			.hasMessageContaining("FULL_TRANSITIVE");
		assertThatThrownBy(() -> CompatibilityLevel.parse(null)).isInstanceOf(RegistryException.class);
	}

}
