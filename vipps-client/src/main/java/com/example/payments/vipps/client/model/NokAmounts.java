package com.example.payments.vipps.client.model;

import java.math.BigDecimal;

/**
 * The one exact conversion between our amounts (whole øre, {@code long}) and the NOK
 * decimals Vipps uses for {@code shippingCost}. No floating point: 4900 øre is exactly
 * {@code 49.00} NOK and back.
 *
 * @author vipps-client
 */
public final class NokAmounts {

	private NokAmounts() {
	}

	/**
	 * Øre to NOK, exactly.
	 * @param ore the amount in øre
	 * @return the amount in NOK with two decimals ({@code 4900} gives {@code 49.00})
	 */
	public static BigDecimal fromOre(long ore) {
		return BigDecimal.valueOf(ore, 2);
	}

	/**
	 * NOK to øre, exactly: for shipping costs Vipps sends (callbacks, details).
	 * @param nok the amount in NOK, e.g. {@code 49.5}
	 * @return the amount in øre ({@code 4950})
	 * @throws IllegalArgumentException when {@code nok} is {@code null}, has fractions of
	 * an øre ({@code 49.005}) or does not fit a {@code long}
	 */
	public static long toOre(BigDecimal nok) {
		if (nok == null) {
			throw new IllegalArgumentException("a NOK amount is required");
		}
		try {
			return nok.movePointRight(2).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					nok.toPlainString() + " NOK is not a whole number of øre (or too large for a long)", ex);
		}
	}

}
