package com.example.payments.ingest.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IngestProperties}: defaults, binding, and a refused start for what
 * would be unsafe.
 */
class IngestPropertiesTests {

	private static final String SECRET = "properties-test-callback-secret-0123456789";

	private static final String CONSENT = "https://pay.example.com/vipps/consents/consentSecret0123456789abcdefABCDEF";

	@Test
	void bindsTheDefaults() {
		IngestProperties properties = bind(required());
		assertThat(properties.callbackPrefix()).isEqualTo("/vipps/callbacks");
		assertThat(properties.shippingDetailsPrefix()).isEqualTo("/vipps/shipping");
		assertThat(properties.maxBodySize().toKilobytes()).isEqualTo(16);
		assertThat(properties.publishing().eventsTopic()).isEqualTo("payments.events.v1");
		assertThat(properties.publishing().timeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(properties.publishing().maxPendingRecords()).isEqualTo(20000);
		assertThat(properties.shipping().rulesTopic()).isEqualTo("payments.shipping-rules.v1");
		assertThat(properties.shipping().merchantSerialNumbers()).isEmpty();
		assertThat(properties.shipping().defaultOptions()).isEmpty();
		assertThat(properties.consent().topic()).isEqualTo("payments.consents.v1");
		assertThat(properties.consent().allowedSources()).isEmpty();
		assertThat(properties.consentSecrets()).containsExactly("consentSecret0123456789abcdefABCDEF");
	}

	@Test
	void bindsDefaultShippingOptionsAndPreviousSecrets() {
		Map<String, String> values = required();
		values.put("ingest.shipping.merchant-serial-numbers", "123456,654321");
		values.put("ingest.shipping.default-options[0].method-id", "standard");
		values.put("ingest.shipping.default-options[0].method", "Standard");
		values.put("ingest.shipping.default-options[0].cost", "7900");
		values.put("ingest.consent.previous-secrets[0]", "olderConsentSecret0123456789abcdefABCD");
		IngestProperties properties = bind(values);
		assertThat(properties.shipping().merchantSerialNumbers()).containsExactly("123456", "654321");
		assertThat(properties.shipping().defaultOptions())
			.containsExactly(new IngestProperties.DefaultOption("standard", "Standard", 7900, false, null));
		assertThat(properties.consentSecrets()).hasSize(2);
	}

	@Test
	void keepsSecretsOutOfToString() {
		Map<String, String> values = required();
		values.put("ingest.previous-callback-secret", "properties-test-previous-secret-0123456789");
		assertThat(bind(values).toString()).doesNotContain(SECRET, "previous-secret-0123456789", "consentSecret");
	}

	@Test
	void refusesToStartWithoutASecretOrWithAShortOne() {
		Map<String, String> values = required();
		values.remove("ingest.callback-secret");
		assertRefused(values, "ingest.callback-secret");
		values.put("ingest.callback-secret", "short");
		assertRefused(values, "at least 32 bytes");
	}

	@Test
	void refusesAConsentPrefixWithoutASecretSegment() {
		Map<String, String> values = required();
		values.remove("ingest.consent-removal-prefix");
		assertRefused(values, "ingest.consent-removal-prefix is required");
		values.put("ingest.consent-removal-prefix", "https://pay.example.com/vipps/consents");
		assertRefused(values, "last path segment is the secret");
	}

	@Test
	void refusesABudgetVippsWouldNotWaitForAndBadSettings() {
		Map<String, String> values = required();
		values.put("ingest.publishing.timeout", "3s");
		assertRefused(values, "ingest.publishing.timeout must be between 50ms and 2500ms");
		values.remove("ingest.publishing.timeout");
		values.put("ingest.consent.allowed-sources", "vipps.no");
		assertRefused(values, "ingest.consent.allowed-sources");
		values.remove("ingest.consent.allowed-sources");
		values.put("ingest.shipping.merchant-serial-numbers", "12");
		assertRefused(values, "5-6 digit MSNs");
		values.remove("ingest.shipping.merchant-serial-numbers");
		values.put("ingest.callback-prefix", "https://pay.example.com/vipps/{x}");
		assertRefused(values, "ingest.callback-prefix");
	}

	private static Map<String, String> required() {
		Map<String, String> values = new HashMap<>();
		values.put("ingest.callback-secret", SECRET);
		values.put("ingest.consent-removal-prefix", CONSENT);
		return values;
	}

	private static IngestProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ingest", IngestProperties.class);
	}

	private static void assertRefused(Map<String, String> values, String message) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(values))
			.satisfies((ex) -> assertThat(messages(ex)).contains(message));
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
