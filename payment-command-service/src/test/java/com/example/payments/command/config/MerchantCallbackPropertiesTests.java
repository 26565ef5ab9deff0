package com.example.payments.command.config;

import com.example.payments.command.handling.MerchantEndpoints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MerchantCallbackProperties}: the prefixes Vipps will call are checked
 * at start-up, as Vipps checks them.
 */
class MerchantCallbackPropertiesTests {

	private static final String SECRET = "s".repeat(32);

	@Test
	void acceptsHttpsPrefixes() {
		MerchantEndpoints endpoints = new MerchantCallbackProperties("https://ingest.example.com/vipps/callbacks",
				"https://ingest.example.com/vipps/shipping", "https://ingest.example.com/vipps/consents", SECRET)
			.endpoints(false);
		assertThat(endpoints.callbackPrefix()).isEqualTo("https://ingest.example.com/vipps/callbacks");
		assertThat(endpoints.consentRemovalPrefix()).isEqualTo("https://ingest.example.com/vipps/consents");
	}

	@Test
	void rejectsPlainHttpNamingTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new MerchantCallbackProperties("http://ingest.example.com/vipps/callbacks",
					"https://ingest.example.com/s", "https://ingest.example.com/c", SECRET)
				.endpoints(true))
			.withMessageContaining("payments.command.callbacks.callback-prefix must be an absolute HTTPS URL");
	}

	@Test
	void acceptsPlainHttpToLocalhostOnlyWhenTheClientAllowsIt() {
		MerchantCallbackProperties local = new MerchantCallbackProperties("http://localhost:8082/callbacks",
				"http://127.0.0.1:8082/shipping", "https://localhost/consents", SECRET);
		assertThat(local.endpoints(true).shippingDetailsPrefix()).isEqualTo("http://127.0.0.1:8082/shipping");
		assertThatIllegalStateException().isThrownBy(() -> local.endpoints(false))
			.withMessageContaining("allow-insecure-local-urls");
	}

	@Test
	void rejectsMissingRelativeAndOverlongPrefixes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new MerchantCallbackProperties(null, "https://a.example/s", "https://a.example/c", SECRET)
				.endpoints(false))
			.withMessageContaining("payments.command.callbacks.callback-prefix is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MerchantCallbackProperties("https://a.example/b", "/shipping", "https://a.example/c",
					SECRET)
				.endpoints(false))
			.withMessageContaining("shipping-details-prefix");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MerchantCallbackProperties("https://a.example/b", "https://a.example/s",
					"https://a.example/" + "c".repeat(250), SECRET)
				.endpoints(false))
			.withMessageContaining("consent-removal-prefix");
	}

	@Test
	void neverShowsTheSecret() {
		assertThat(new MerchantCallbackProperties("https://a.example/b", null, null, SECRET).toString())
			.doesNotContain(SECRET);
	}

}
