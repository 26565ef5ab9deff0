package com.example.payments.vipps.simulator.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment.LogEntry;
import com.example.payments.vipps.simulator.SimulatedPayment.Shipping;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.SimulatedUser;
import com.example.payments.vipps.simulator.SimulatorProperties.GatewayErrorFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;

/**
 * The JSON documents Vipps sends, shaped as the spec and the guide show them.
 */
public final class VippsPayloads {

	/**
	 * Shared mapper: Jackson mappers are thread-safe once built.
	 */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What /details shows in place of customer information once it has expired.
	 */
	public static final String EXPIRED = "[Expired]";

	private static final String PAYMENT_INSTRUMENT = "Visa";

	private static final int BANK_IDENTIFICATION_NUMBER = 492560;

	private VippsPayloads() {
	}

	public static String timestamp(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	public static JsonNode parse(String body) {
		return JSON.readTree(body);
	}

	public static String initiateResponse(String orderId, String url) {
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", orderId);
		node.put("url", url);
		return node.toString();
	}

	public static String accessToken(Credentials.IssuedToken token) {
		// Vipps' token service sends the numbers as strings.
		ObjectNode node = JSON.createObjectNode();
		node.put("token_type", "Bearer");
		node.put("expires_in", String.valueOf(token.expiresIn()));
		node.put("ext_expires_in", String.valueOf(token.expiresIn()));
		node.put("expires_on", String.valueOf(token.expiresOn().getEpochSecond()));
		node.put("not_before", String.valueOf(token.notBefore().getEpochSecond()));
		node.put("resource", "00000002-0000-0000-c000-000000000000");
		node.put("access_token", token.accessToken());
		return node.toString();
	}

	public static String errorArray(VippsApiException error, String contextId) {
		ArrayNode array = JSON.createArrayNode();
		ObjectNode item = array.addObject();
		item.put("errorGroup", error.errorGroup());
		item.put("errorCode", error.errorCode());
		item.put("errorMessage", error.getMessage());
		item.put("contextId", contextId);
		return array.toString();
	}

	public static String gatewayError(VippsApiException error, GatewayErrorFormat format) {
		ObjectNode node = JSON.createObjectNode();
		if (format == GatewayErrorFormat.AZURE) {
			ObjectNode info = node.putObject("responseInfo");
			info.put("responseCode", error.httpStatus());
			HttpStatus status = HttpStatus.resolve(error.httpStatus());
			info.put("responseMessage", (status != null) ? status.getReasonPhrase() : "Error");
			node.putObject("result").put("message", error.getMessage());
		}
		else {
			node.put("statusCode", error.httpStatus());
			node.put("message", error.getMessage());
		}
		return node.toString();
	}

	/**
	 * Capture response ({@code TransactionResponse}).
	 * @param payment the payment
	 * @param entry the CAPTURE entry
	 * @return the body
	 */
	public static String captureResponse(PaymentRecord payment, LogEntry entry) {
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", payment.orderId());
		node.put("paymentInstrument", PAYMENT_INSTRUMENT);
		transactionInfo(node.putObject("transactionInfo"), entry.amount(), "Captured", entry);
		summary(node.putObject("transactionSummary"), payment, false);
		return node.toString();
	}

	/**
	 * Cancel response ({@code CancelTransactionResponse}).
	 * @param payment the payment
	 * @param entry the CANCEL or VOID entry
	 * @return the body
	 */
	public static String cancelResponse(PaymentRecord payment, LogEntry entry) {
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", payment.orderId());
		if (payment.userActed()) {
			node.put("paymentInstrument", PAYMENT_INSTRUMENT);
		}
		transactionInfo(node.putObject("transactionInfo"), payment.request().amount(), "Cancelled", entry);
		summary(node.putObject("transactionSummary"), payment, false);
		return node.toString();
	}

	/**
	 * Refund response ({@code RefundTransactionResponse}: the key is
	 * {@code transaction}).
	 * @param payment the payment
	 * @param entry the REFUND entry
	 * @return the body
	 */
	public static String refundResponse(PaymentRecord payment, LogEntry entry) {
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", payment.orderId());
		transactionInfo(node.putObject("transaction"), entry.amount(), "Refund", entry);
		summary(node.putObject("transactionSummary"), payment, false);
		return node.toString();
	}

	private static void transactionInfo(ObjectNode info, long amount, String status, LogEntry entry) {
		info.put("amount", amount);
		info.put("status", status);
		info.put("timeStamp", timestamp(entry.timeStamp()));
		if (entry.transactionId() != null) {
			info.put("transactionId", entry.transactionId());
		}
		info.put("transactionText", entry.transactionText());
	}

	private static void summary(ObjectNode summary, PaymentRecord payment, boolean details) {
		summary.put("capturedAmount", payment.captured());
		summary.put("remainingAmountToCapture", payment.remainingToCapture());
		summary.put("refundedAmount", payment.refunded());
		summary.put("remainingAmountToRefund", payment.remainingToRefund());
		if (details && payment.reserved() > 0) {
			summary.put("bankIdentificationNumber", BANK_IDENTIFICATION_NUMBER);
		}
	}

	/**
	 * {@code GET /details} ({@code TransactionDetails}).
	 * @param payment the payment
	 * @return the body
	 */
	public static String details(PaymentRecord payment) {
		return details(payment, false);
	}

	/**
	 * {@code GET /details} ({@code TransactionDetails}).
	 * @param payment the payment
	 * @param personalDataExpired whether 7 days have passed since the reservation: every
	 * customer-information value becomes {@code "[Expired]"} (guide §1.6)
	 * @return the body
	 */
	public static String details(PaymentRecord payment, boolean personalDataExpired) {
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", payment.orderId());
		if (payment.userActed()) {
			summary(node.putObject("transactionSummary"), payment, true);
		}
		ArrayNode history = node.putArray("transactionLogHistory");
		for (LogEntry entry : payment.logNewestFirst()) {
			ObjectNode item = history.addObject();
			item.put("amount", entry.amount());
			item.put("operation", entry.operation().name());
			item.put("operationSuccess", entry.operationSuccess());
			item.put("requestId", entry.requestId());
			item.put("timeStamp", timestamp(entry.timeStamp()));
			if (entry.transactionId() != null) {
				item.put("transactionId", entry.transactionId());
			}
			item.put("transactionText", entry.transactionText());
		}
		SimulatedUser user = payment.user();
		if (user != null) {
			userDetails(node.putObject("userDetails"), user);
		}
		Shipping shipping = payment.shipping();
		if (shipping != null) {
			ObjectNode details = node.putObject("shippingDetails");
			ObjectNode address = details.putObject("address");
			addressLines(address, shipping.address());
			address.put("country", "Norway");
			address.put("postCode", shipping.address().postCode());
			details.put("shippingCost", shipping.shippingCost());
			details.put("shippingMethod", shipping.shippingMethod());
			details.put("shippingMethodId", shipping.shippingMethodId());
		}
		if (personalDataExpired) {
			expire(node.get("userDetails"));
			expire(node.path("shippingDetails").get("address"));
		}
		return node.toString();
	}

	private static void expire(JsonNode personal) {
		if (personal instanceof ObjectNode values) {
			List.copyOf(values.propertyNames()).forEach((name) -> values.put(name, EXPIRED));
		}
	}

	/**
	 * {@code GET /status} (deprecated {@code PaymentStatus}).
	 * @param payment the payment
	 * @return the body
	 */
	public static String status(PaymentRecord payment) {
		LogEntry newest = payment.logNewestFirst().get(0);
		String status = switch (payment.status()) {
			case REJECTED -> "REJECTED";
			case RESERVE_FAILED -> "FAILED";
			default -> newest.operation().name();
		};
		ObjectNode node = JSON.createObjectNode();
		node.put("orderId", payment.orderId());
		ObjectNode info = node.putObject("transactionInfo");
		info.put("amount", payment.request().amount());
		info.put("status", status);
		info.put("timeStamp", timestamp(newest.timeStamp()));
		if (payment.reserveTransactionId() != null) {
			info.put("transactionId", payment.reserveTransactionId());
		}
		return node.toString();
	}

	/**
	 * The transaction-update callback body.
	 * @param payment the payment
	 * @param status the callback status
	 * @param entry the log entry it reports
	 * @param msnAsNumber send the MSN as a JSON number
	 * @param errorInfo an error to include (failed reservations), or null
	 * @return the body
	 */
	public static String callback(PaymentRecord payment, String status, LogEntry entry, boolean msnAsNumber,
			VippsApiException errorInfo) {
		ObjectNode node = JSON.createObjectNode();
		if (msnAsNumber) {
			node.put("merchantSerialNumber", Long.parseLong(payment.msn()));
		}
		else {
			node.put("merchantSerialNumber", payment.msn());
		}
		node.put("orderId", payment.orderId());
		boolean approved = payment.status() != Status.CANCELLED && payment.status() != Status.REJECTED
				&& payment.status() != Status.RESERVE_FAILED;
		if (payment.request().express() && approved && payment.shipping() != null) {
			ObjectNode details = node.putObject("shippingDetails");
			ObjectNode address = details.putObject("address");
			addressLines(address, payment.shipping().address());
			address.put("country", "NO");
			address.put("zipCode", payment.shipping().address().postCode());
			details.put("shippingCost", payment.shipping().shippingCost());
			details.put("shippingMethod", payment.shipping().shippingMethod());
			details.put("shippingMethodId", payment.shipping().shippingMethodId());
		}
		ObjectNode info = node.putObject("transactionInfo");
		info.put("amount", entry.amount());
		info.put("status", status);
		info.put("timeStamp", timestamp(entry.timeStamp()));
		if (entry.transactionId() != null) {
			info.put("transactionId", entry.transactionId());
		}
		if (approved && payment.user() != null) {
			userDetails(node.putObject("userDetails"), payment.user());
		}
		if (errorInfo != null) {
			ObjectNode error = node.putObject("errorInfo");
			error.put("errorGroup", errorInfo.errorGroup());
			error.put("errorCode", errorInfo.errorCode());
			error.put("errorMessage", errorInfo.getMessage());
		}
		return node.toString();
	}

	/**
	 * The shipping-details request ({@code ShippingCostAndMethod}).
	 * @param address the user's address
	 * @return the body
	 */
	public static String shippingRequest(SimulatedAddress address) {
		ObjectNode node = JSON.createObjectNode();
		node.put("addressId", address.addressId());
		node.put("addressLine1", address.addressLine1());
		if (address.addressLine2() != null) {
			// The guide allows null here, the spec's type does not: leave it out instead.
			node.put("addressLine2", address.addressLine2());
		}
		node.put("city", address.city());
		node.put("country", "NO");
		node.put("postCode", address.postCode());
		node.put("addressType", address.addressType());
		return node.toString();
	}

	/**
	 * Checks a merchant's shipping-details answer.
	 * @param body the answer
	 * @param orderId the order asked about
	 * @param addressId the address asked about
	 * @return the options
	 * @throws IllegalArgumentException when malformed (Vipps shows "Payment failed")
	 */
	public static List<ShippingOption> shippingResponse(String body, String orderId, long addressId) {
		JsonNode root;
		try {
			root = parse(body);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("the shipping-details response is not JSON");
		}
		JsonNode id = root.get("addressId");
		if (id == null || !id.isIntegralNumber() || id.asLong() != addressId) {
			throw new IllegalArgumentException("addressId must echo " + addressId);
		}
		JsonNode order = root.get("orderId");
		if (order == null || !order.isString() || !orderId.equals(order.asString())) {
			throw new IllegalArgumentException("orderId must echo " + orderId);
		}
		return ShippingOption.parseAll(root.get("shippingDetails"), "shippingDetails");
	}

	private static void addressLines(ObjectNode address, SimulatedAddress source) {
		address.put("addressLine1", source.addressLine1());
		if (source.addressLine2() != null) {
			address.put("addressLine2", source.addressLine2());
		}
		address.put("city", source.city());
	}

	private static void userDetails(ObjectNode node, SimulatedUser user) {
		node.put("email", user.email());
		node.put("firstName", user.firstName());
		node.put("lastName", user.lastName());
		node.put("mobileNumber", user.mobileNumber());
		node.put("userId", user.userId());
	}

}
