package com.example.payments.ingest.shipping.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShippingRulesStore}.
 */
class ShippingRulesStoreTests {

	private final ShippingRulesStore store = new ShippingRulesStore();

	@Test
	void keepsOnePaymentsRulesPerSalesUnitForTheSameOrderId() {
		this.store.put("123456", "order-1", rules(4900));
		this.store.put("654321", "order-1", rules(9900));
		assertThat(this.store.rulesOf("123456", "order-1")).contains(rules(4900));
		assertThat(this.store.rulesOf("654321", "order-1")).contains(rules(9900));
		assertThat(this.store.merchantsOf("order-1")).containsExactlyInAnyOrder("123456", "654321");
		assertThat(this.store.payments()).isEqualTo(2);
		this.store.remove("123456", "order-1");
		assertThat(this.store.rulesOf("123456", "order-1")).isEmpty();
		assertThat(this.store.merchantsOf("order-1")).containsExactly("654321");
		assertThat(this.store.payments()).isEqualTo(1);
	}

	@Test
	void storesEqualRulesOnceAndDropsThemWhenNoPaymentUsesThem() {
		for (int i = 0; i < 1000; i++) {
			this.store.put("123456", "order-" + i, rules(4900));
		}
		assertThat(this.store.distinctRuleSets()).isEqualTo(1);
		assertThat(this.store.rulesOf("123456", "order-999")).contains(rules(4900));
		this.store.put("123456", "order-1", rules(5900));
		assertThat(this.store.distinctRuleSets()).isEqualTo(2);
		for (int i = 0; i < 1000; i++) {
			this.store.remove("123456", "order-" + i);
		}
		assertThat(this.store.distinctRuleSets()).isZero();
		assertThat(this.store.payments()).isZero();
	}

	@Test
	void replacesAPaymentsRulesWithoutCountingItTwice() {
		this.store.put("123456", "order-1", rules(4900));
		this.store.put("123456", "order-1", rules(4900));
		this.store.put("123456", "order-1", rules(5900));
		assertThat(this.store.payments()).isEqualTo(1);
		assertThat(this.store.distinctRuleSets()).isEqualTo(1);
		assertThat(this.store.rulesOf("123456", "order-1")).contains(rules(5900));
	}

	@Test
	void ignoresATombstoneForAnUnknownPayment() {
		this.store.remove("123456", "never-seen");
		assertThat(this.store.payments()).isZero();
		assertThat(this.store.merchantsOf("never-seen")).isEmpty();
	}

	private static ShippingRules rules(long cost) {
		return new ShippingRules(List.of(), List.of(new ShippingOption("posten", "Posten", cost, true, 1)));
	}

}
