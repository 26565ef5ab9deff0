package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import com.example.payments.vipps.simulator.SimulatedMerchant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issued tokens are kept only while they can still be valid.
 */
class CredentialsTests {

	@Test
	void tokensExpiredInRealTimeAreForgottenAndValidOnesKept() {
		SimulatorClock clock = new SimulatorClock();
		List<SimulatedMerchant> merchants = List.of(SimulatedMerchant.of("123456", "id", "secret", "key"));
		Credentials shortLived = new Credentials(merchants, List.of(), Duration.ofMillis(1), clock, new Random(1));
		shortLived.issue("id", "secret", "key");
		shortLived.issue("id", "secret", "key");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			shortLived.forgetExpired();
			assertThat(shortLived.tokensHeld()).isZero();
		});
		Credentials longLived = new Credentials(merchants, List.of(), Duration.ofHours(1), clock, new Random(1));
		longLived.issue("id", "secret", "key");
		longLived.forgetExpired();
		assertThat(longLived.tokensHeld()).isEqualTo(1);
	}

}
