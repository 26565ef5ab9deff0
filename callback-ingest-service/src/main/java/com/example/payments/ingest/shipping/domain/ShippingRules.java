package com.example.payments.ingest.shipping.domain;

import java.util.List;

/**
 * The address-dependent shipping options of one express payment, as the command service
 * published them: the first matching rule wins, else the fallback options. Immutable and
 * with value equality; the store holds them encoded ({@link CompactShippingRules}), one
 * encoding shared by the payments with equal rules.
 *
 * @param rules the rules in priority order
 * @param fallbackOptions the options when no rule matches; empty means "no shipping
 * methods" for that address
 */
public record ShippingRules(List<ShippingRule> rules, List<ShippingOption> fallbackOptions) {

	public ShippingRules {
		rules = List.copyOf(rules);
		fallbackOptions = List.copyOf(fallbackOptions);
	}

	/**
	 * The options for an address.
	 * @param address the address Vipps asks about
	 * @return the first matching rule's options, else the fallback options
	 */
	public List<ShippingOption> optionsFor(ShippingAddress address) {
		for (ShippingRule rule : this.rules) {
			if (rule.matches(address)) {
				return rule.options();
			}
		}
		return this.fallbackOptions;
	}

}
