package com.example.payments.vipps.simulator.engine;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A shipping method offered to the user ({@code ShippingDetails} in the spec).
 *
 * @param isDefault {@code isDefault: "Y"}
 * @param priority display order, may be null
 * @param shippingCost NOK (not øre)
 * @param shippingMethod display name
 * @param shippingMethodId id
 */
public record ShippingOption(boolean isDefault, Integer priority, double shippingCost, String shippingMethod,
		String shippingMethodId) {

	/**
	 * Parses an array of {@code ShippingDetails}.
	 * @param array the JSON array
	 * @param field the field name for error messages
	 * @return the options
	 * @throws IllegalArgumentException with what is wrong
	 */
	public static List<ShippingOption> parseAll(JsonNode array, String field) {
		if (array == null || !array.isArray() || array.isEmpty()) {
			throw new IllegalArgumentException(field + " must be a non-empty array");
		}
		List<ShippingOption> options = new ArrayList<>();
		for (JsonNode item : array) {
			options.add(parse(item, field));
		}
		return options;
	}

	private static ShippingOption parse(JsonNode node, String field) {
		if (!node.isObject()) {
			throw new IllegalArgumentException(field + " items must be objects");
		}
		JsonNode isDefault = node.get("isDefault");
		if (isDefault == null || !isDefault.isString()
				|| !("Y".equals(isDefault.asString()) || "N".equals(isDefault.asString()))) {
			throw new IllegalArgumentException(field + ".isDefault must be \"Y\" or \"N\"");
		}
		JsonNode cost = node.get("shippingCost");
		if (cost == null || !cost.isNumber() || cost.asDouble() < 0) {
			throw new IllegalArgumentException(field + ".shippingCost must be a number >= 0 (NOK)");
		}
		String method = text(node, "shippingMethod", 256, field);
		String methodId = text(node, "shippingMethodId", 100, field);
		JsonNode priority = node.get("priority");
		if (priority != null && !priority.isNull() && !priority.isIntegralNumber()) {
			throw new IllegalArgumentException(field + ".priority must be an integer");
		}
		return new ShippingOption("Y".equals(isDefault.asString()),
				(priority != null && !priority.isNull()) ? priority.asInt() : null, cost.asDouble(), method, methodId);
	}

	private static String text(JsonNode node, String name, int maxLength, String field) {
		JsonNode value = node.get(name);
		if (value == null || !value.isString() || value.asString().isEmpty() || value.asString().length() > maxLength) {
			throw new IllegalArgumentException(field + "." + name + " must be a string of 1.." + maxLength);
		}
		return value.asString();
	}

}
