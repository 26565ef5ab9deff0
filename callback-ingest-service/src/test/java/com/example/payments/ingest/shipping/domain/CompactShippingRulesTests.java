package com.example.payments.ingest.shipping.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompactShippingRules}.
 */
class CompactShippingRulesTests {

	@Test
	void decodesToTheRulesItEncoded() {
		ShippingRules rules = new ShippingRules(
				List.of(new ShippingRule(List.of("NO", "se"),
						List.of(new PostCodeRange("0001", "0999"), new PostCodeRange("5000", "5999")),
						List.of(new ShippingOption("posten", "Posten Servicepakke", 4900, true, 1),
								new ShippingOption("home", "Hjemlevering æøå", 12950, false, null))),
						new ShippingRule(List.of(), List.of(), List.of())),
				List.of(new ShippingOption("pickup", "Pick-up point", 0, false, 3)));
		assertThat(CompactShippingRules.of(rules).decode()).isEqualTo(rules);
		ShippingRules none = new ShippingRules(List.of(), List.of());
		assertThat(CompactShippingRules.of(none).decode()).isEqualTo(none);
	}

	@Test
	void equalRulesEncodeEquallyAndDifferentRulesDoNot() {
		assertThat(CompactShippingRules.of(rules(4900, 1))).isEqualTo(CompactShippingRules.of(rules(4900, 1)))
			.hasSameHashCodeAs(CompactShippingRules.of(rules(4900, 1)));
		assertThat(CompactShippingRules.of(rules(4900, 1))).isNotEqualTo(CompactShippingRules.of(rules(4901, 1)));
		assertThat(CompactShippingRules.of(rules(4900, 1))).isNotEqualTo(CompactShippingRules.of(rules(4900, null)));
	}

	@Test
	void ruleSetsThatDifferOnlyInACostHashApart() {
		// Merchants' tables differ in a few bytes (a cost in øre); the store interns them
		// in a hash map, whose bins turn into trees, and lookups into scans, when such
		// sets share hash codes. Arrays.hashCode gave these 100,000 sets 8,758 codes.
		int sets = 100_000;
		Set<Integer> hashes = new HashSet<>();
		for (int i = 0; i < sets; i++) {
			hashes.add(CompactShippingRules.of(rules(4900 + i, 1)).hashCode());
		}
		assertThat(hashes).hasSizeGreaterThan(sets - sets / 1000);
	}

	@Test
	void holdsARuleSetInFarFewerBytesThanItsObjects() {
		// The benchmark's rules (one rule with a range and two options, one fallback):
		// about a kilobyte of heap as objects.
		ShippingRules rules = new ShippingRules(
				List.of(new ShippingRule(List.of("NO"), List.of(new PostCodeRange("0001", "0999")),
						List.of(new ShippingOption("posten", "Posten Servicepakke", 4900, true, 1),
								new ShippingOption("home", "Home delivery", 12950, false, 2)))),
				List.of(new ShippingOption("pickup", "Pick-up point", 1900, true, null)));
		assertThat(CompactShippingRules.of(rules).size()).isLessThan(200);
	}

	private static ShippingRules rules(long cost, Integer priority) {
		return new ShippingRules(List.of(), List.of(new ShippingOption("posten", "Posten", cost, true, priority)));
	}

}
