package com.example.payments.ingest.shipping.domain;

import java.util.List;

/**
 * Options for the addresses a rule matches: both its countries and its post-code ranges
 * must match, an empty list matching anything.
 *
 * @param countries the countries, in {@link Countries#normalized} form
 * @param postCodeRanges the post-code ranges
 * @param options the options offered when the rule matches
 */
public record ShippingRule(List<String> countries, List<PostCodeRange> postCodeRanges, List<ShippingOption> options) {

	public ShippingRule {
		countries = countries.stream().map(Countries::normalized).toList();
		postCodeRanges = List.copyOf(postCodeRanges);
		options = List.copyOf(options);
	}

	/**
	 * Whether the rule applies to an address.
	 * @param address the address
	 * @return {@code true} when both criteria match
	 */
	public boolean matches(ShippingAddress address) {
		return (this.countries.isEmpty() || this.countries.contains(Countries.normalized(address.country())))
				&& (this.postCodeRanges.isEmpty()
						|| this.postCodeRanges.stream().anyMatch((range) -> range.contains(address.postCode())));
	}

}
