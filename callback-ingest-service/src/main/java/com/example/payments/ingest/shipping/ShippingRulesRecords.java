package com.example.payments.ingest.shipping;

import java.util.List;

import com.example.payments.ingest.shipping.domain.PostCodeRange;
import com.example.payments.ingest.shipping.domain.ShippingOption;
import com.example.payments.ingest.shipping.domain.ShippingRule;
import com.example.payments.ingest.shipping.domain.ShippingRules;
import com.example.payments.schema.shipping.ExpressShippingRules;

/**
 * The Avro records of {@code payments.shipping-rules.v1} as the domain's rules.
 */
final class ShippingRulesRecords {

	private ShippingRulesRecords() {
	}

	/**
	 * Convert a record.
	 * @param record the published rules
	 * @return the rules
	 * @throws IllegalArgumentException when a range or an option is invalid (negative
	 * cost, empty id)
	 */
	static ShippingRules toRules(ExpressShippingRules record) {
		List<ShippingRule> rules = record.getRules()
			.stream()
			.map((rule) -> new ShippingRule(rule.getCountries(),
					rule.getPostCodeRanges()
						.stream()
						.map((range) -> new PostCodeRange(range.getFrom(), range.getTo()))
						.toList(),
					options(rule.getOptions())))
			.toList();
		return new ShippingRules(rules, options(record.getFallbackOptions()));
	}

	private static List<ShippingOption> options(List<com.example.payments.schema.shipping.ShippingOption> options) {
		return options.stream()
			.map((option) -> new ShippingOption(option.getShippingMethodId(), option.getShippingMethod(),
					option.getShippingCost(), option.getIsDefault(), option.getPriority()))
			.toList();
	}

}
