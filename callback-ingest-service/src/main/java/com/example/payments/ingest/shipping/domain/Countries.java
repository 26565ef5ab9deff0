package com.example.payments.ingest.shipping.domain;

import java.util.Locale;
import java.util.Map;

/**
 * Country values as Vipps and merchants write them, made comparable: case does not
 * matter, and Norway's spellings ({@code NO}, {@code NOR}, {@code Norway}, {@code Norge})
 * are one country. Vipps sends {@code "NO"} in the shipping-details request and
 * {@code "Norway"} elsewhere, and the shipping-rules schema compares case-insensitively;
 * without this a rule for {@code "NO"} would miss an address in {@code "Norway"}.
 */
public final class Countries {

	private static final Map<String, String> ALIASES = Map.of("NOR", "NO", "NORWAY", "NO", "NORGE", "NO");

	private Countries() {
	}

	/**
	 * The comparable form of a country value.
	 * @param country as written, may be {@code null}
	 * @return upper case with Norway's spellings as {@code NO}; {@code ""} for
	 * {@code null}
	 */
	public static String normalized(String country) {
		if (country == null) {
			return "";
		}
		String upper = country.strip().toUpperCase(Locale.ROOT);
		return ALIASES.getOrDefault(upper, upper);
	}

}
