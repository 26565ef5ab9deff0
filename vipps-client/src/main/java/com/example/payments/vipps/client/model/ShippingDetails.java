package com.example.payments.vipps.client.model;

import java.math.BigDecimal;

/**
 * A shipping option ({@code ShippingDetails} in the spec). Vipps wants the cost in NOK (a
 * decimal); our amounts are øre, so build options with {@link #ofOre}: there is no
 * factory taking NOK, and a {@code long} of øre cannot be passed where the NOK
 * {@link BigDecimal} is expected.
 *
 * @param isDefault {@code "Y"} or {@code "N"} (strings, as Vipps wants them)
 * @param priority ascending display order, may be {@code null}
 * @param shippingCost the cost in NOK (not øre), at most two decimals
 * @param shippingMethod the name shown in the app
 * @param shippingMethodId our id of the method
 * @author vipps-client
 */
public record ShippingDetails(String isDefault, Integer priority, BigDecimal shippingCost, String shippingMethod,
		String shippingMethodId) {

	/**
	 * A shipping option priced in øre.
	 * @param isDefault whether the option is preselected
	 * @param priority ascending display order
	 * @param shippingCostOre the cost in øre ({@code 4900} is 49 NOK)
	 * @param method the name shown in the app
	 * @param methodId our id
	 * @return the option, its cost converted exactly to NOK
	 */
	public static ShippingDetails ofOre(boolean isDefault, int priority, long shippingCostOre, String method,
			String methodId) {
		return new ShippingDetails(isDefault ? "Y" : "N", priority, NokAmounts.fromOre(shippingCostOre), method,
				methodId);
	}

}
