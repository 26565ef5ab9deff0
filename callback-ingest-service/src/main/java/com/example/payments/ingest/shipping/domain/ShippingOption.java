package com.example.payments.ingest.shipping.domain;

/**
 * One shipping method offered for an address, priced in øre like every amount of ours
 * (Vipps' NOK decimal is made only when the answer is written).
 *
 * @param methodId the merchant's id, echoed by Vipps in the callback
 * @param method the name shown in the app
 * @param costOre the cost in øre, 0 for free shipping
 * @param isDefault pre-selected in the app
 * @param priority ascending display order, or {@code null} to leave it to Vipps
 */
public record ShippingOption(String methodId, String method, long costOre, boolean isDefault, Integer priority) {

	public ShippingOption {
		if (methodId == null || methodId.isEmpty() || method == null || method.isEmpty()) {
			throw new IllegalArgumentException("a shipping option needs a method id and a method name");
		}
		if (costOre < 0) {
			throw new IllegalArgumentException("shipping option " + methodId + " has a negative cost");
		}
	}

}
