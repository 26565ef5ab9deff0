package com.example.payments.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalStackOptions}.
 */
class LocalStackOptionsTests {

	@Test
	void defaultsToTheWellKnownLocalPorts() {
		assertThat(LocalStackOptions.parse()).isEqualTo(new LocalStackOptions(9092, 8085, 3, null));
	}

	@Test
	void acceptsEveryOption() {
		assertThat(LocalStackOptions.parse("--kafka-port", "19092", "--registry-port", "18085", "--partitions", "6",
				"--data-dir", "/var/tmp/payments"))
			.isEqualTo(new LocalStackOptions(19092, 18085, 6, Path.of("/var/tmp/payments")));
	}

	@Test
	void rejectsUnknownOptionsMissingValuesAndNonNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackOptions.parse("--port", "1"))
			.withMessageContaining("Unknown option --port");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackOptions.parse("--kafka-port"))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackOptions.parse("--partitions", "many"))
			.withMessageContaining("needs a number");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackOptions.parse("--partitions", "0"))
			.withMessageContaining("at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackOptions.parse("--kafka-port", "70000"))
			.withMessageContaining("0 to 65535");
	}

}
