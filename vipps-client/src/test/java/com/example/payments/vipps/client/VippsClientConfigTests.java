package com.example.payments.vipps.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.example.payments.vipps.client.VippsClientConfig.RetrySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VippsClientConfig}, {@link VippsCredentials} and
 * {@link VippsSystemInfo}.
 *
 * @author vipps-client
 */
class VippsClientConfigTests {

	private static final VippsSystemInfo SYSTEM = new VippsSystemInfo("acme", "1.0.0", "acme-payments", "0.1.0");

	private static final VippsCredentials KEYS = new VippsCredentials("client-id", "s3cr3t-value", "subscr1ption-key");

	@Test
	void fillsInTheDocumentedDefaults() {
		VippsClientConfig config = VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM)
			.merchant("123456", KEYS)
			.build();
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.allowInsecureLocalUrls()).isFalse();
		assertThat(config.maxConnections()).isEqualTo(200);
		assertThat(config.retry()).isEqualTo(
				new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(15), 0.25));
	}

	@Test
	void neverShowsSecretsInToString() {
		VippsClientConfig config = VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM)
			.merchant("123456", KEYS)
			.partner(new VippsCredentials("partner-id", "partner-s3cret", "partner-subscr1ption"))
			.build();
		assertThat(config.toString()).contains("client-id", "partner-id", "123456")
			.doesNotContain("s3cr3t-value", "subscr1ption-key", "partner-s3cret", "partner-subscr1ption");
		assertThat(KEYS.toString()).doesNotContain("s3cr3t-value", "subscr1ption-key");
		assertThat(new AccessTokenCache.AccessToken("eyJ-secret-token", null, null).toString())
			.doesNotContain("eyJ-secret-token");
		assertThat(new AccessTokenResponse("Bearer", 3600, "eyJ-secret-token").toString())
			.doesNotContain("eyJ-secret-token");
	}

	@Test
	void rejectsSystemHeadersLongerThan30Characters() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsSystemInfo("a".repeat(31), "1.0.0", "acme-payments", "0.1.0"))
			.withMessageContaining("Vipps-System-Name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsSystemInfo("acme", "1.0.0", "acme-payments", "0.1.0-" + "x".repeat(30)))
			.withMessageContaining("Vipps-System-Plugin-Version");
		assertThatIllegalArgumentException().isThrownBy(() -> new VippsSystemInfo("acme", " ", "p", "1"));
		assertThat(new VippsSystemInfo("a".repeat(30), "1", "p", "1").name()).hasSize(30);
	}

	@Test
	void rejectsMerchantSerialNumbersThatAreNotFiveOrSixDigits() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM).merchant("1234", KEYS).build());
		assertThatIllegalArgumentException().isThrownBy(
				() -> VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM).merchant("1234567", KEYS).build());
	}

	@Test
	void requiresSomeCredentials() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM).build());
		assertThatIllegalArgumentException().isThrownBy(() -> new VippsCredentials("id", "", "key"));
	}

	@Test
	void rejectsRelativeOrNonHttpBaseUrls() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsClientConfig.builder("/vipps", SYSTEM).merchant("123456", KEYS).build());
		assertThatIllegalArgumentException().isThrownBy(
				() -> VippsClientConfig.builder("ftp://apitest.vipps.no", SYSTEM).merchant("123456", KEYS).build());
	}

	@Test
	void rejectsNonPositiveTimeoutsAndBadRetrySettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM)
				.merchant("123456", KEYS)
				.readTimeout(Duration.ZERO)
				.build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsClientConfig.builder("https://apitest.vipps.no", SYSTEM)
				.merchant("123456", KEYS)
				.maxConnections(0)
				.build())
			.withMessage("maxConnections must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetrySettings(0, null, null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(3, Duration.ofSeconds(5), Duration.ofSeconds(1), null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetrySettings(3, null, null, null, 1.5));
	}

	@Test
	void usesOwnKeysBeforePartnerKeys() {
		VippsCredentials partner = new VippsCredentials("partner-id", "partner-secret", "partner-key");
		VippsClientConfig config = new VippsClientConfig(URI.create("https://api.vipps.no"), SYSTEM,
				Map.of("123456", KEYS), partner, null, null, null, null, false, null);
		assertThat(config.credentialsFor("123456")).isSameAs(KEYS);
		assertThat(config.credentialsFor("654321")).isSameAs(partner);
		VippsClientConfig ownOnly = new VippsClientConfig(URI.create("https://api.vipps.no"), SYSTEM,
				Map.of("123456", KEYS), null, null, null, null, null, false, null);
		assertThat(ownOnly.credentialsFor("654321")).isNull();
	}

}
