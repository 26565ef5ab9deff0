package com.example.payments.serde.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryClientConfigTests {

	@Test
	void readsCommaSeparatedUrlsInOrderWithDefaults() {
		RegistryClientConfig config = RegistryClientConfig
			.parse(Map.of("schema.registry.url", " http://a:8081/ , http://b:8081/base/"));

		assertThat(config.endpoints()).extracting(RegistryClientConfig.Endpoint::baseUrl)
			.containsExactly("http://a:8081", "http://b:8081/base");
		assertThat(config.endpoints()).allSatisfy((endpoint) -> assertThat(endpoint.authorization()).isEmpty());
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.latestCacheTtl()).isNegative();
	}

	@Test
	void acceptsAListOfUrls() {
		RegistryClientConfig config = RegistryClientConfig
			.parse(Map.of("schema.registry.url", List.of("http://a:1", "http://b:2")));

		assertThat(config.endpoints()).hasSize(2);
	}

	@Test
	void requiresAUrl() {
		assertThatThrownBy(() -> RegistryClientConfig.parse(Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("schema.registry.url");
		assertThatThrownBy(() -> RegistryClientConfig.parse(Map.of("schema.registry.url", " , ")))
			.isInstanceOf(ConfigException.class);
	}

	@Test
	void rejectsUrlsThatAreNotHttp() {
		assertThatThrownBy(() -> RegistryClientConfig.parse(Map.of("schema.registry.url", "localhost:8081")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("http(s)://");
		assertThatThrownBy(() -> RegistryClientConfig.parse(Map.of("schema.registry.url", "mock://scope")))
			.isInstanceOf(ConfigException.class);
	}

	@Test
	void sendsUserInfoCredentialsToEveryUrl() {
		RegistryClientConfig config = RegistryClientConfig.parse(Map.of("schema.registry.url", "http://a:1,http://b:2",
				"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:sr-secret"));

		assertThat(config.endpoints()).extracting(RegistryClientConfig.Endpoint::authorization)
			.containsOnly(Optional.of(basic("sr-user:sr-secret")));
	}

	@Test
	void acceptsThePrefixedUserInfoSpellingAndPasswordValues() {
		RegistryClientConfig config = RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://a:1", "basic.auth.credentials.source", "user_info",
					"schema.registry.basic.auth.user.info", new Password("u:p")));

		assertThat(config.endpoints().get(0).authorization()).contains(basic("u:p"));
	}

	@Test
	void requiresUserInfoWhenTheSourceIsUserInfoWithoutEchoingIt() {
		assertThatThrownBy(() -> RegistryClientConfig.parse(Map.of("schema.registry.url", "http://a:1",
				"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "no-colon-secret")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("basic.auth.user.info")
			.hasMessageNotContaining("no-colon-secret");
	}

	@Test
	void takesCredentialsFromEachUrlWithTheUrlSourceAndStripsThem() {
		RegistryClientConfig config = RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://alice:s%40cret@a:1,http://b:2"));

		assertThat(config.endpoints().get(0).baseUrl()).isEqualTo("http://a:1");
		assertThat(config.endpoints().get(0).authorization()).contains(basic("alice:s@cret"));
		assertThat(config.endpoints().get(1).authorization()).isEmpty();
		assertThat(config.endpoints().get(0)).hasToString("http://a:1 (with basic auth)");
	}

	@Test
	void rejectsUnsupportedCredentialSources() {
		assertThatThrownBy(() -> RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://a:1", "basic.auth.credentials.source", "SASL_INHERIT")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("USER_INFO and URL");
	}

	@Test
	void readsTimeoutsInBothSpellings() {
		RegistryClientConfig config = RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://a:1", "http.connect.timeout.ms", "1500",
					"schema.registry.http.read.timeout.ms", 2500, "latest.cache.ttl.sec", "60"));

		assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
		assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void rejectsTimeoutsThatAreNotPositiveNumbers() {
		assertThatThrownBy(() -> RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://a:1", "http.read.timeout.ms", "soon")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("http.read.timeout.ms");
		assertThatThrownBy(() -> RegistryClientConfig
			.parse(Map.of("schema.registry.url", "http://a:1", "http.connect.timeout.ms", "0")))
			.isInstanceOf(ConfigException.class);
	}

	private static String basic(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

}
