package com.example.payments.vipps.simulator.web;

/**
 * The one way the landing page writes money: Norwegian style, {@code 49,50 kr}, thousands
 * grouped with a space ({@code 12 345,00 kr}). Amounts are øre; shipping costs, which
 * Vipps gives in NOK, are converted first.
 */
final class Kroner {

	private Kroner() {
	}

	/**
	 * Formats an amount.
	 * @param ore the amount in øre
	 * @return e.g. {@code "249,50 kr"}
	 */
	static String format(long ore) {
		long kroner = Math.abs(ore) / 100;
		StringBuilder grouped = new StringBuilder(Long.toString(kroner));
		for (int i = grouped.length() - 3; i > 0; i -= 3) {
			grouped.insert(i, ' ');
		}
		long rest = Math.abs(ore) % 100;
		return ((ore < 0) ? "-" : "") + grouped + "," + ((rest < 10) ? "0" : "") + rest + " kr";
	}

	/**
	 * A shipping cost, which Vipps gives in NOK, in øre.
	 * @param nok e.g. {@code 49.5}
	 * @return e.g. {@code 4950}
	 */
	static long ore(double nok) {
		return Math.round(nok * 100);
	}

}
