package com.example.payments.vipps.client.callback;

import com.example.payments.vipps.client.VippsClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the bodies of Vipps' calls to us (callbacks, shipping details) and writes our
 * answers with the client's own JSON mapping, so a callback and an answer with the same
 * field are read alike.
 *
 * @author vipps-client
 */
final class CallbackReader {

	private static final JsonMapper MAPPER = VippsClient.createJsonMapper();

	private CallbackReader() {
	}

	static TransactionUpdateCallback read(byte[] body) {
		if (body == null || body.length == 0) {
			throw InvalidCallbackException.malformed("the callback has no body");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw InvalidCallbackException.malformed("the callback body is not JSON");
		}
		if (!(root instanceof ObjectNode callback)) {
			throw InvalidCallbackException.malformed("the callback body is not a JSON object");
		}
		JsonNode msn = callback.get("merchantSerialNumber");
		if (msn != null && msn.isIntegralNumber()) {
			// The guide's examples send the MSN as a number; the spec says string.
			callback.put("merchantSerialNumber", msn.asString());
		}
		requireText(callback, "merchantSerialNumber");
		requireText(callback, "orderId");
		JsonNode info = callback.get("transactionInfo");
		if (info == null || !info.isObject()) {
			throw new InvalidCallbackException("the callback has no transactionInfo object");
		}
		requireText(info, "status");
		JsonNode amount = info.get("amount");
		if (amount == null || !amount.isIntegralNumber()) {
			throw new InvalidCallbackException("transactionInfo.amount must be an integer (øre)");
		}
		JsonNode shipping = callback.get("shippingDetails");
		Class<? extends TransactionUpdateCallback> type = (shipping != null && !shipping.isNull())
				? ExpressCheckOutPaymentRequest.class : RegularCheckOutPaymentRequest.class;
		try {
			return MAPPER.treeToValue(callback, type);
		}
		catch (JacksonException ex) {
			// The path names the field; the original message could quote a personal
			// value.
			throw new InvalidCallbackException(
					"the callback cannot be read as " + type.getSimpleName() + " at " + ex.getPathReference());
		}
	}

	static ShippingCostAndMethod readShippingRequest(byte[] body) {
		if (body == null || body.length == 0) {
			throw InvalidCallbackException.malformed("the shipping-details request has no body");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw InvalidCallbackException.malformed("the shipping-details request body is not JSON");
		}
		if (!(root instanceof ObjectNode request)) {
			throw InvalidCallbackException.malformed("the shipping-details request body is not a JSON object");
		}
		JsonNode addressId = request.get("addressId");
		if (addressId == null || !addressId.isIntegralNumber() || !addressId.canConvertToLong()) {
			throw new InvalidCallbackException("addressId must be an integer");
		}
		requireText(request, "postCode");
		return new ShippingCostAndMethod(addressId.asLong(), optionalText(request, "addressLine1"),
				optionalText(request, "addressLine2"), optionalText(request, "city"),
				(request.hasNonNull("country")) ? optionalText(request, "country")
						: ShippingCostAndMethod.DEFAULT_COUNTRY,
				optionalText(request, "postCode"), optionalText(request, "addressType"));
	}

	static byte[] write(Object answer) {
		return MAPPER.writeValueAsBytes(answer);
	}

	private static String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidCallbackException(field + " must be a string");
		}
		return value.asString();
	}

	private static void requireText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new InvalidCallbackException(field + " must be a non-blank string");
		}
	}

}
