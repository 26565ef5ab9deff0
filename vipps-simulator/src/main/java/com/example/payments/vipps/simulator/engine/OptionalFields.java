package com.example.payments.vipps.simulator.engine;

import java.util.List;
import java.util.Set;

import com.example.payments.vipps.simulator.SimulatorProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code omit-optional-fields} mode: Vipps' documents cut down to what the spec
 * requires, so clients and services meet the leanest answers Vipps may legally send (no
 * {@code transactionId}, no {@code requestId}, no {@code transactionSummary}, no optional
 * timestamps...). Each document keeps only the properties its schema lists as
 * {@code required}, recursively; anything a renderer adds later is therefore omitted too.
 * <p>
 * One exception: {@code /details} keeps {@code transactionLogHistory}, which the spec
 * does not require either. Without it a {@code /details} answer says nothing at all, and
 * the guide calls it the whole history, always returned.
 */
public final class OptionalFields {

	private static final Set<String> ACTION_RESPONSE = Set.of("orderId");

	private static final Set<String> DETAILS = Set.of("transactionLogHistory");

	private static final Set<String> HISTORY_ENTRY = Set.of("operation", "amount", "operationSuccess",
			"transactionText");

	private static final Set<String> REGULAR_CALLBACK = Set.of("merchantSerialNumber", "orderId", "transactionInfo");

	private static final Set<String> EXPRESS_CALLBACK = Set.of("merchantSerialNumber", "orderId", "shippingDetails",
			"userDetails", "transactionInfo");

	private static final Set<String> CALLBACK_TRANSACTION_INFO = Set.of("amount", "status", "timeStamp");

	private static final Set<String> SHIPPING_DETAILS = Set.of("address", "shippingCost", "shippingMethod",
			"shippingMethodId");

	// AddressExpress requires postCode but defines zipCode, which Vipps sends: keep both.
	private static final Set<String> EXPRESS_ADDRESS = Set.of("addressLine1", "city", "country", "postCode", "zipCode");

	private static final Set<String> USER_DETAILS = Set.of("email", "firstName", "lastName", "mobileNumber", "userId");

	private static final Set<String> SHIPPING_REQUEST = Set.of("addressId", "addressLine1", "city", "country",
			"postCode");

	private static final Set<String> ERROR = Set.of("errorGroup", "errorCode", "errorMessage");

	private OptionalFields() {
	}

	/**
	 * The document as configured: unchanged, or without its optional fields when
	 * {@code omit-optional-fields} is on.
	 * @param properties the simulator's configuration
	 * @param document which document it is
	 * @param json the complete document
	 * @return the document to send
	 */
	public static String render(SimulatorProperties properties, Document document, String json) {
		return properties.omitOptionalFields() ? omit(document, json) : json;
	}

	/**
	 * The document with only the properties its schema requires.
	 * @param document which document it is
	 * @param json the complete document
	 * @return the cut-down document
	 */
	public static String omit(Document document, String json) {
		JsonNode root = VippsPayloads.parse(json);
		switch (document) {
			case CAPTURE_RESPONSE, CANCEL_RESPONSE, REFUND_RESPONSE -> keepOnly(root, ACTION_RESPONSE);
			case DETAILS -> {
				keepOnly(root, DETAILS);
				root.path("transactionLogHistory").forEach((entry) -> keepOnly(entry, HISTORY_ENTRY));
			}
			case STATUS -> keepOnly(root, Set.of());
			case CALLBACK -> {
				boolean express = root.hasNonNull("shippingDetails");
				keepOnly(root, express ? EXPRESS_CALLBACK : REGULAR_CALLBACK);
				keepOnly(root.get("transactionInfo"), CALLBACK_TRANSACTION_INFO);
				JsonNode shipping = root.get("shippingDetails");
				keepOnly(shipping, SHIPPING_DETAILS);
				if (shipping != null) {
					keepOnly(shipping.get("address"), EXPRESS_ADDRESS);
				}
				keepOnly(root.get("userDetails"), USER_DETAILS);
			}
			case SHIPPING_REQUEST -> keepOnly(root, SHIPPING_REQUEST);
			case ERROR_ARRAY -> root.forEach((error) -> keepOnly(error, ERROR));
		}
		return root.toString();
	}

	private static void keepOnly(JsonNode node, Set<String> required) {
		if (node instanceof ObjectNode object) {
			List.copyOf(object.propertyNames())
				.stream()
				.filter((name) -> !required.contains(name))
				.forEach(object::remove);
		}
	}

	/**
	 * The documents Vipps sends that have optional fields.
	 */
	public enum Document {

		/**
		 * Capture answer ({@code TransactionResponse}: only {@code orderId} required).
		 */
		CAPTURE_RESPONSE,

		/**
		 * Cancel answer ({@code CancelTransactionResponse}: only {@code orderId}).
		 */
		CANCEL_RESPONSE,

		/**
		 * Refund answer ({@code RefundTransactionResponse}: only {@code orderId}).
		 */
		REFUND_RESPONSE,

		/**
		 * {@code /details} ({@code TransactionDetails}: nothing required; history entries
		 * require {@code operation}, {@code amount}, {@code operationSuccess},
		 * {@code transactionText}).
		 */
		DETAILS,

		/**
		 * The deprecated {@code /status} ({@code PaymentStatus}: nothing required).
		 */
		STATUS,

		/**
		 * The transaction-update callback, regular or express.
		 */
		CALLBACK,

		/**
		 * The shipping-details request to the merchant ({@code ShippingCostAndMethod}).
		 */
		SHIPPING_REQUEST,

		/**
		 * An error array ({@code Error}: {@code contextId} is optional).
		 */
		ERROR_ARRAY

	}

}
