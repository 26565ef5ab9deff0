package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Configuration is validated when built, in standalone and in-process mode alike.
 */
class SimulatorPropertiesTests {

	private static final SimulatedMerchant MERCHANT = SimulatedMerchant.of("123456", "id", "secret", "key");

	@Test
	void acceptsTheDemoConfiguration() {
		assertThatNoException().isThrownBy(() -> VippsSimulator.builder().properties());
	}

	@Test
	void rejectsAnMsnThatIsNotFiveOrSixDigits() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedMerchant.of("1234", "id", "secret", "key"))
			.withMessageContaining("5 or 6 digits");
	}

	@Test
	void rejectsBlankCredentials() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedMerchant.of("123456", "id", " ", "key"))
			.withMessageContaining("clientSecret");
	}

	@Test
	void rejectsDuplicateMerchants() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder().merchant(MERCHANT).merchant(MERCHANT).properties())
			.withMessageContaining("duplicate msn");
	}

	@Test
	void rejectsPartnersNamingUnknownMerchants() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder()
				.merchant(MERCHANT)
				.partner(SimulatedPartner.of("p", "s", "k", Set.of("999999")))
				.properties())
			.withMessageContaining("999999");
	}

	@Test
	void rejectsNonPositiveTimeouts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder().landingPageTimeout(Duration.ZERO).properties())
			.withMessageContaining("landing-page-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder().appTimeout(Duration.ofSeconds(-1)).properties())
			.withMessageContaining("app-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder().paymentTimeout(Duration.ZERO).properties())
			.withMessageContaining("landing-page-timeout");
	}

	@Test
	void userWindowDefaultsToFiveMinutesForTheUrlAndFiveInTheApp() {
		SimulatorProperties properties = VippsSimulator.builder().properties();
		assertThat(properties.landingPageTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.appTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.orderLock().enabled()).isTrue();
		assertThat(properties.strictSystemHeaders()).isFalse();
		assertThat(properties.unverifiedTestUsers()).isEmpty();
	}

	@Test
	void bindsOmitOptionalFieldsOffByDefaultAndOnWhenConfigured() {
		Map<String, String> configuration = new HashMap<>(Map.of("vipps.simulator.merchants[0].msn", "123456",
				"vipps.simulator.merchants[0].client-id", "id", "vipps.simulator.merchants[0].client-secret", "secret",
				"vipps.simulator.merchants[0].subscription-key", "key"));
		assertThat(bind(configuration).omitOptionalFields()).isFalse();
		configuration.put("vipps.simulator.omit-optional-fields", "true");
		assertThat(bind(configuration).omitOptionalFields()).isTrue();
		assertThat(VippsSimulator.builder().omitOptionalFields(true).properties().omitOptionalFields()).isTrue();
	}

	private static SimulatorProperties bind(Map<String, String> configuration) {
		return new Binder(new MapConfigurationPropertySource(configuration))
			.bind("vipps.simulator", SimulatorProperties.class)
			.get();
	}

	@Test
	void paymentTimeoutSplitsTheWholeWindowLikeVipps() {
		SimulatorProperties properties = VippsSimulator.builder().paymentTimeout(Duration.ofSeconds(2)).properties();
		assertThat(properties.landingPageTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.appTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void rejectsUnverifiedTestUsersThatAreNotEightDigits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder().unverifiedTestUsers("+4791234567").properties())
			.withMessageContaining("unverified-test-users");
	}

	@Test
	void rejectsAnAutoApproveRatioOutsideZeroToOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder()
				.autoApprove(1.5, Duration.ofSeconds(1), SimulatorProperties.AutoApprove.Remainder.REJECT))
			.withMessageContaining("ratio");
	}

	@Test
	void merchantNameDefaultsToShopAndItsMsn() {
		assertThat(MERCHANT.name()).isEqualTo("Shop 123456");
		assertThat(MERCHANT.name("  Acme Socks ").name()).isEqualTo("Acme Socks");
		assertThat(MERCHANT.name("Acme Socks").directCapture(true).name()).isEqualTo("Acme Socks");
		assertThatIllegalArgumentException().isThrownBy(() -> MERCHANT.name("x".repeat(101)))
			.withMessageContaining("name");
	}

	@Test
	void keepsTheNewest50000ExchangesAndTheNewest50000PaymentsByDefault() {
		SimulatorProperties properties = VippsSimulator.builder().properties();
		assertThat(properties.exchanges())
			.isEqualTo(new SimulatorProperties.Exchanges(SimulatorProperties.Exchanges.Recording.BOUNDED, 50_000));
		assertThat(properties.retention().maxPayments()).isEqualTo(50_000);
		assertThat(properties.urlPolicy()).isEqualTo(UrlPolicy.ALLOW_LOCAL_HTTP);
	}

	@Test
	void rejectsBoundsBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VippsSimulator.builder()
				.recordExchanges(SimulatorProperties.Exchanges.Recording.BOUNDED, 0)
				.properties())
			.withMessageContaining("exchanges.capacity");
		assertThatIllegalArgumentException().isThrownBy(() -> VippsSimulator.builder().maxPayments(0).properties())
			.withMessageContaining("retention.max-payments");
	}

	@Test
	void rejectsFaultRatesAddingUpToMoreThanOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SimulatorProperties.OperationFaults(Duration.ZERO, Duration.ZERO, 0.7, 0.5));
	}

}
