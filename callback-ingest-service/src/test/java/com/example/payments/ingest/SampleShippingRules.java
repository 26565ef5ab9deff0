package com.example.payments.ingest;

import java.util.List;

import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.PostCodeRange;
import com.example.payments.schema.shipping.ShippingOption;
import com.example.payments.schema.shipping.ShippingRule;

/**
 * Shipping rules as the command service publishes them for an express payment, for the
 * tests and the benchmark.
 */
public final class SampleShippingRules {

	private SampleShippingRules() {
	}

	/**
	 * Oslo (0001-0999 in Norway): Posten or home delivery; elsewhere a pick-up point.
	 * @param postenCost the cost of Posten in øre (vary it for rules no other payment
	 * shares)
	 * @return the rules
	 */
	public static ExpressShippingRules oslo(long postenCost) {
		return ExpressShippingRules.newBuilder()
			.setRules(List.of(ShippingRule.newBuilder()
				.setCountries(List.of("NO"))
				.setPostCodeRanges(List.of(PostCodeRange.newBuilder().setFrom("0001").setTo("0999").build()))
				.setOptions(List.of(option("posten", "Posten Servicepakke", postenCost, true, 1),
						option("home", "Home delivery", 12950, false, 2)))
				.build()))
			.setFallbackOptions(List.of(option("pickup", "Pick-up point", 1900, true, null)))
			.build();
	}

	private static ShippingOption option(String id, String name, long ore, boolean isDefault, Integer priority) {
		return ShippingOption.newBuilder()
			.setShippingMethodId(id)
			.setShippingMethod(name)
			.setShippingCost(ore)
			.setIsDefault(isDefault)
			.setPriority(priority)
			.build();
	}

}
