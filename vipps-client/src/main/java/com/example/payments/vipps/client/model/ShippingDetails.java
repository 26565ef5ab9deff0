package com.example.payments.vipps.client.model;

import java.math.BigDecimal;

/**
 * A shipping option ({@code ShippingDetails} in the spec).
 *
 * @param isDefault {@code "Y"} or {@code "N"} (strings, as Vipps wants them)
 * @param priority ascending display order, may be {@code null}
 * @param shippingCost the cost in NOK (not øre)
 * @param shippingMethod the name shown in the app
 * @param shippingMethodId our id of the method
 * @author vipps-client
 */
public record ShippingDetails(String isDefault, Integer priority, BigDecimal shippingCost, String shippingMethod,
		String shippingMethodId) {

	/**
	 * A shipping option.
	 * @param isDefault whether the option is preselected
	 * @param priority ascending display order
	 * @param shippingCostNok the cost in NOK
	 * @param method the name shown in the app
	 * @param methodId our id
	 * @return the option
	 */
	public static ShippingDetails of(boolean isDefault, int priority, BigDecimal shippingCostNok, String method,
			String methodId) {
		return new ShippingDetails(isDefault ? "Y" : "N", priority, shippingCostNok, method, methodId);
	}

}
