package com.example.payments.registry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LaunchOptionsTests {

	@Test
	void defaultsToConfluentsPortOnLoopbackInMemory() {
		LaunchOptions options = LaunchOptions.parse(new String[0]);

		assertThat(options).isEqualTo(new LaunchOptions("127.0.0.1", 8081, null, CompatibilityLevel.BACKWARD, false));
	}

	@Test
	void readsEveryOptionInBothSpellings() {
		LaunchOptions options = LaunchOptions.parse(
				new String[] { "--port", "8085", "--host=0.0.0.0", "--data-dir", "/tmp/sr", "--compatibility=full" });

		assertThat(options)
			.isEqualTo(new LaunchOptions("0.0.0.0", 8085, Path.of("/tmp/sr"), CompatibilityLevel.FULL, false));
	}

	@Test
	void rejectsUnknownOptionsBadPortsAndMissingValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse(new String[] { "--verbose" }))
			.withMessageContaining("--verbose");
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse(new String[] { "--port", "http" }))
			.withMessageContaining("http");
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse(new String[] { "--port", "70000" }));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse(new String[] { "--data-dir" }))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LaunchOptions.parse(new String[] { "--compatibility", "SIDEWAYS" }));
	}

}
