package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that services can bind {@link VippsClientConfig} from properties with Boot's
 * {@link Binder}, as the README shows.
 *
 * @author vipps-client
 */
class VippsClientConfigBindingTests {

	@Test
	void bindsFromSparsePropertiesWithDefaults() {
		VippsClientConfig config = bind(Map.of("vipps.client.base-url", "https://apitest.vipps.no",
				"vipps.client.system.name", "acme", "vipps.client.system.version", "1.4.0",
				"vipps.client.system.plugin-name", "acme-payments", "vipps.client.system.plugin-version", "0.1.0",
				"vipps.client.merchants.[123456].client-id", "id", "vipps.client.merchants.[123456].client-secret",
				"secret", "vipps.client.merchants.[123456].subscription-key", "key", "vipps.client.read-timeout", "7s",
				"vipps.client.retry.max-attempts", "5"));
		assertThat(config.merchants()).containsOnlyKeys("123456");
		assertThat(config.credentialsFor("123456").clientSecret()).isEqualTo("secret");
		assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(config.connectTimeout()).isEqualTo(VippsClientConfig.DEFAULT_CONNECT_TIMEOUT);
		assertThat(config.retry().maxAttempts()).isEqualTo(5);
		assertThat(config.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.system().pluginName()).isEqualTo("acme-payments");
	}

	@Test
	void refusesToBindATooLongSystemHeader() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("vipps.client.base-url", "https://apitest.vipps.no",
					"vipps.client.system.name", "a-system-name-longer-than-thirty-chars", "vipps.client.system.version",
					"1", "vipps.client.system.plugin-name", "p", "vipps.client.system.plugin-version", "1",
					"vipps.client.partner.client-id", "id", "vipps.client.partner.client-secret", "secret",
					"vipps.client.partner.subscription-key", "key")))
			.withRootCauseInstanceOf(IllegalArgumentException.class);
	}

	private static VippsClientConfig bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("vipps.client", VippsClientConfig.class)
			.get();
	}

}
