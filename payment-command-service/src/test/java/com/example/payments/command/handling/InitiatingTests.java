package com.example.payments.command.handling;

import java.util.List;

import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.PostCodeRange;
import com.example.payments.schema.shipping.ShippingOption;
import com.example.payments.schema.shipping.ShippingRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Initiating#problems}: what an initiate command must carry beyond what
 * the client checks in the request.
 */
class InitiatingTests {

	@Test
	void acceptsARegularPaymentAndAnExpressPaymentWithShipping() {
		assertThat(Initiating.problems(initiate(PaymentType.REGULAR).build())).isEmpty();
		assertThat(Initiating.problems(
				initiate(PaymentType.EXPRESS).setStaticShippingOptions(List.of(option("home", 4900, true))).build()))
			.isEmpty();
		assertThat(Initiating.problems(initiate(PaymentType.EXPRESS).setShippingRules(rules("0001", "0999")).build()))
			.isEmpty();
	}

	@Test
	void rejectsAnExpressPaymentWithoutShippingAndShippingOnARegularPayment() {
		assertThat(Initiating.problems(initiate(PaymentType.EXPRESS).build()))
			.containsExactly("an EXPRESS payment needs staticShippingOptions or shippingRules");
		assertThat(Initiating.problems(
				initiate(PaymentType.REGULAR).setStaticShippingOptions(List.of(option("home", 4900, true))).build()))
			.containsExactly("staticShippingOptions and shippingRules are for EXPRESS payments only");
	}

	@Test
	void rejectsAnUnknownPaymentType() {
		assertThat(Initiating.problems(initiate(PaymentType.UNKNOWN).build()))
			.containsExactly("paymentType must be REGULAR or EXPRESS");
	}

	@Test
	void rejectsTwoDefaultsNegativeCostsAndBackwardPostCodeRanges() {
		assertThat(Initiating.problems(initiate(PaymentType.EXPRESS)
			.setStaticShippingOptions(List.of(option("a", 100, true), option("b", -1, true)))
			.build())).containsExactlyInAnyOrder("staticShippingOptions must not have a negative shippingCost (øre)",
					"at most one of staticShippingOptions may be the default");
		assertThat(Initiating.problems(initiate(PaymentType.EXPRESS).setShippingRules(rules("0999", "0001")).build()))
			.containsExactly("post-code ranges run from one four-digit post code to a later one");
		assertThat(Initiating.problems(initiate(PaymentType.EXPRESS)
			.setShippingRules(
					new ExpressShippingRules(List.of(new ShippingRule(List.of(), List.of(), List.of())), List.of()))
			.build())).containsExactly("every shipping rule needs at least one option");
	}

	private static InitiatePayment.Builder initiate(PaymentType type) {
		return InitiatePayment.newBuilder()
			.setAmount(20_000)
			.setTransactionText("Socks")
			.setFallBack("https://shop.example.com/result")
			.setPaymentType(type);
	}

	private static ShippingOption option(String id, long cost, boolean isDefault) {
		return new ShippingOption(id, "Method " + id, cost, isDefault, null);
	}

	private static ExpressShippingRules rules(String from, String to) {
		return new ExpressShippingRules(List.of(new ShippingRule(List.of("NO"), List.of(new PostCodeRange(from, to)),
				List.of(option("oslo", 4900, true)))), List.of(option("rest", 9900, true)));
	}

}
