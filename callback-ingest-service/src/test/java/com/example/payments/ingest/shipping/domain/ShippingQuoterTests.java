package com.example.payments.ingest.shipping.domain;

import java.util.List;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ShippingQuoter} and the rules it applies.
 */
class ShippingQuoterTests {

	private static final CallbackAuthTokens TOKENS = new CallbackAuthTokens("quoter-test-secret-0123456789abcdefgh",
			"quoter-test-previous-0123456789abcdefgh");

	private static final ShippingOption POSTEN = new ShippingOption("posten", "Posten", 4900, true, 1);

	private static final ShippingOption HOME = new ShippingOption("home", "Home delivery", 12950, false, 2);

	private static final ShippingOption PICKUP = new ShippingOption("pickup", "Pick-up point", 1900, false, null);

	private static final ShippingOption STANDARD = new ShippingOption("standard", "Standard", 7900, true, null);

	private final ShippingRulesStore store = new ShippingRulesStore();

	private final ShippingQuoter quoter = new ShippingQuoter(this.store, TOKENS, List.of("654321"), List.of(STANDARD));

	@Test
	void quotesTheFirstMatchingRuleElseTheFallback() {
		ShippingRules rules = new ShippingRules(
				List.of(new ShippingRule(List.of("NO"), List.of(new PostCodeRange("0001", "0999")),
						List.of(POSTEN, HOME)),
						new ShippingRule(List.of(), List.of(new PostCodeRange("0001", "9999")), List.of(POSTEN))),
				List.of(PICKUP));
		this.store.put("123456", "order-1", rules);
		assertThat(this.quoter.quote("123456", "order-1", new ShippingAddress("NO", "0154")).options())
			.containsExactly(POSTEN, HOME);
		assertThat(this.quoter.quote("123456", "order-1", new ShippingAddress("Norway", "0154")).options())
			.as("Vipps' two spellings of Norway are one country")
			.containsExactly(POSTEN, HOME);
		assertThat(this.quoter.quote("123456", "order-1", new ShippingAddress("NO", "5003")).options())
			.containsExactly(POSTEN);
		assertThat(this.quoter.quote("123456", "order-1", new ShippingAddress("SE", "123")).options())
			.containsExactly(PICKUP);
		assertThat(this.quoter.quote("123456", "order-1", new ShippingAddress("NO", "0154")).fallback()).isFalse();
	}

	@Test
	void quotesTheDefaultsForAPaymentWithoutRules() {
		ShippingQuoter.Quote quote = this.quoter.quote("654321", "order-2", new ShippingAddress("NO", "0154"));
		assertThat(quote.fallback()).isTrue();
		assertThat(quote.options()).containsExactly(STANDARD);
	}

	@Test
	void authenticatesThePaymentThatPublishedRulesForTheOrderId() {
		this.store.put("123456", "order-3", new ShippingRules(List.of(), List.of(PICKUP)));
		assertThat(this.quoter.authenticate("order-3", TOKENS.tokenFor("123456", "order-3")))
			.isEqualTo(new ShippingQuoter.Authentication.Authenticated("123456", CallbackAuthTokens.Verdict.VALID));
		assertThat(this.quoter.authenticate("order-4", TOKENS.tokenFor("654321", "order-4")))
			.as("no rules: a configured sales unit")
			.isEqualTo(new ShippingQuoter.Authentication.Authenticated("654321", CallbackAuthTokens.Verdict.VALID));
		String previous = new CallbackAuthTokens("quoter-test-previous-0123456789abcdefgh", null).tokenFor("123456",
				"order-3");
		assertThat(this.quoter.authenticate("order-3", previous))
			.isEqualTo(new ShippingQuoter.Authentication.Authenticated("123456",
					CallbackAuthTokens.Verdict.VALID_PREVIOUS_SECRET));
	}

	@Test
	void refusesAMissingTokenAndTheTokenOfAnotherPayment() {
		this.store.put("123456", "order-5", new ShippingRules(List.of(), List.of(PICKUP)));
		assertRefused(this.quoter.authenticate("order-5", null), Refusal.Reason.MISSING_TOKEN);
		assertRefused(this.quoter.authenticate("order-5", TOKENS.tokenFor("123456", "order-6")),
				Refusal.Reason.WRONG_TOKEN);
		assertRefused(this.quoter.authenticate("order-7", TOKENS.tokenFor("111111", "order-7")),
				Refusal.Reason.WRONG_TOKEN);
	}

	@Test
	void comparesPostCodesOfTheRangesLengthOnly() {
		PostCodeRange oslo = new PostCodeRange("0001", "0999");
		assertThat(oslo.contains("0154")).isTrue();
		assertThat(oslo.contains("154")).isFalse();
		assertThat(oslo.contains("1000")).isFalse();
		assertThat(oslo.contains(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new PostCodeRange("0999", "0001"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PostCodeRange("001", "0999"));
	}

	@Test
	void refusesOptionsWithoutIdOrWithANegativeCost() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShippingOption("", "x", 0, false, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ShippingOption("x", "x", -1, false, null));
	}

	@Test
	void normalizesCountriesCaseAndNorwaysSpellings() {
		assertThat(Countries.normalized(" norge ")).isEqualTo("NO");
		assertThat(Countries.normalized("NOR")).isEqualTo("NO");
		assertThat(Countries.normalized("se")).isEqualTo("SE");
		assertThat(Countries.normalized(null)).isEmpty();
	}

	private static void assertRefused(ShippingQuoter.Authentication authentication, Refusal.Reason reason) {
		assertThat(authentication).isInstanceOfSatisfying(ShippingQuoter.Authentication.Refused.class,
				(refused) -> assertThat(refused.refusal().reason()).isEqualTo(reason));
	}

}
