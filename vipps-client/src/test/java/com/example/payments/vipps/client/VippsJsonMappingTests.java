package com.example.payments.vipps.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentType;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.ShippingDetails;
import com.example.payments.vipps.client.model.TransactionOperation;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.client.model.UserDetails;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the client's JSON mapping of the Vipps bodies (Jackson 3).
 *
 * @author vipps-client
 */
class VippsJsonMappingTests {

	private final JsonMapper mapper = VippsClient.createJsonMapper();

	@Test
	void writesInitiateAsTheSpecSpellsIt() {
		MerchantInfo merchant = new MerchantInfo("123456", "https://shop.example.com/vipps",
				"https://shop.example.com/result", "auth", "https://shop.example.com/consents", null,
				List.of(ShippingDetails.ofOre(true, 1, 9950, "Posten", "posten")), PaymentType.EXPRESS, false);
		JsonNode json = write(new InitiatePaymentRequest(null, merchant,
				new InitiateTransaction("order-1", 20000, "Socks", null, null, null)));
		assertThat(json.path("customerInfo").isObject()).isTrue();
		assertThat(json.path("customerInfo").size()).isZero();
		JsonNode merchantInfo = json.path("merchantInfo");
		assertThat(merchantInfo.path("merchantSerialNumber").isString()).as("MSN is a string").isTrue();
		assertThat(merchantInfo.has("fallBack")).isTrue();
		assertThat(merchantInfo.has("fallback")).isFalse();
		assertThat(merchantInfo.path("isApp").isBoolean()).isTrue();
		assertThat(merchantInfo.path("paymentType").asString()).isEqualTo("eComm Express Payment");
		assertThat(merchantInfo.has("shippingDetailsPrefix")).as("nulls are left out").isFalse();
		JsonNode shipping = merchantInfo.path("staticShippingDetails").get(0);
		assertThat(shipping.path("isDefault").asString()).isEqualTo("Y");
		assertThat(shipping.path("shippingCost").decimalValue()).isEqualByComparingTo("99.50");
		assertThat(json.path("transaction").path("amount").isIntegralNumber()).isTrue();
		assertThat(json.path("transaction").path("amount").longValue()).isEqualTo(20000);
	}

	@Test
	void leavesOutTheAmountForFullCaptures() {
		JsonNode json = write(PaymentActionsRequest.of("123456", null, "Shipped"));
		assertThat(json.path("transaction").has("amount")).isFalse();
		assertThat(json.path("merchantInfo").path("merchantSerialNumber").asString()).isEqualTo("123456");
		JsonNode cancel = write(CancelPaymentRequest.releasingRemainingFunds("123456", "Done"));
		assertThat(cancel.path("shouldReleaseRemainingFunds").booleanValue()).isTrue();
		assertThat(cancel.path("transaction").has("amount")).isFalse();
	}

	@Test
	void readsExpiresInAsNumberOrString() {
		AccessTokenResponse number = read("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"eyJ\"}",
				AccessTokenResponse.class);
		AccessTokenResponse string = read(
				"{\"token_type\":\"Bearer\",\"expires_in\":\"86398\",\"ext_expires_in\":\"86398\","
						+ "\"expires_on\":\"1547823408\",\"resource\":\"x\",\"access_token\":\"eyJ\"}",
				AccessTokenResponse.class);
		assertThat(number.expiresIn()).isEqualTo(3600);
		assertThat(string.expiresIn()).isEqualTo(86398);
		assertThat(string.accessToken()).isEqualTo("eyJ");
	}

	@Test
	void readsTheRefundUnderItsOwnKeyAndTimestampsWithoutOffset() {
		RefundTransactionResponse refund = read("{\"orderId\":\"order-1\",\"transaction\":{\"amount\":5000,"
				+ "\"status\":\"Refund\",\"transactionId\":\"5600727726\",\"timeStamp\":\"2018-11-14T15:23:02.286\","
				+ "\"transactionText\":\"Refund\"},\"transactionSummary\":{\"capturedAmount\":20000,"
				+ "\"remainingAmountToCapture\":0,\"refundedAmount\":5000,\"remainingAmountToRefund\":15000},"
				+ "\"somethingNew\":true}", RefundTransactionResponse.class);
		assertThat(refund.transaction().amount()).isEqualTo(5000);
		assertThat(refund.transaction().timeStamp()).isEqualTo(Instant.parse("2018-11-14T15:23:02.286Z"));
		assertThat(refund.transactionSummary().remainingAmountToRefund()).isEqualTo(15000);
	}

	@Test
	void readsCaptureTimestampsWithOffset() {
		TransactionResponse capture = read("{\"orderId\":\"order-1\",\"paymentInstrument\":\"Mastercard\","
				+ "\"transactionInfo\":{\"amount\":10000,\"status\":\"Captured\",\"transactionId\":\"5001420058\","
				+ "\"timeStamp\":\"2018-11-14T15:22:46.736+01:00\",\"transactionText\":\"Shipped\"}}",
				TransactionResponse.class);
		assertThat(capture.transactionInfo().timeStamp()).isEqualTo(Instant.parse("2018-11-14T14:22:46.736Z"));
		assertThat(capture.transactionSummary()).isNull();
	}

	@Test
	void readsDetailsToleratingUnknownFieldsAndValues() {
		PaymentDetails details = read("{\"orderId\":\"order-1\",\"transactionLogHistory\":["
				+ "{\"operation\":\"CAPTURE\",\"operationSuccess\":true,\"amount\":15000,\"transactionText\":\"x\","
				+ "\"transactionId\":\"5001420058\",\"requestId\":\"req-1\",\"timeStamp\":\"2018-11-14T15:22:46.680Z\"},"
				+ "{\"operation\":\"TELEPORT\",\"operationSuccess\":false,\"amount\":1,\"transactionText\":\"y\"}],"
				+ "\"shippingDetails\":{\"address\":{\"addressLine1\":\"Gate 1\",\"city\":\"OSLO\",\"country\":\"Norway\","
				+ "\"zipCode\":\"0191\"},\"shippingCost\":99.0,\"shippingMethod\":\"Posten\",\"shippingMethodId\":\"p\"},"
				+ "\"userDetails\":{\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
				+ "\"mobileNumber\":\"12345678\",\"userId\":\"uiJ=\",\"bankIdVerified\":0}}", PaymentDetails.class);
		assertThat(details.transactionSummary()).isNull();
		assertThat(details.transactionLogHistory()).extracting((entry) -> entry.operation())
			.containsExactly(TransactionOperation.CAPTURE, TransactionOperation.UNKNOWN);
		assertThat(details.transactionLogHistory().get(0).requestId()).isEqualTo("req-1");
		assertThat(details.shippingDetails().address().postCode()).isEqualTo("0191");
		assertThat(details.shippingDetails().shippingCost()).isEqualByComparingTo("99");
		UserDetails user = details.userDetails();
		assertThat(user.userId()).isEqualTo("uiJ=");
		assertThat(user.toString()).doesNotContain("ada@example.com", "12345678", "Lovelace");
	}

	@Test
	void readsAMissingOperationSuccessAsUnknownNotAsFailed() {
		PaymentDetails details = read("{\"transactionLogHistory\":["
				+ "{\"operation\":\"CAPTURE\",\"amount\":15000,\"transactionText\":\"x\"},"
				+ "{\"operation\":\"RESERVE\",\"operationSuccess\":false,\"amount\":15000,\"transactionText\":\"x\"}]}",
				PaymentDetails.class);
		assertThat(details.transactionLogHistory().get(0).operationSuccess()).isNull();
		assertThat(details.transactionLogHistory().get(0).requestId()).isNull();
		assertThat(details.transactionLogHistory().get(1).operationSuccess()).isFalse();
	}

	@Test
	void readsDetailsWithoutHistory() {
		assertThat(read("{\"orderId\":\"order-1\"}", PaymentDetails.class).transactionLogHistory()).isEmpty();
	}

	private JsonNode write(Object value) {
		return this.mapper.readTree(this.mapper.writeValueAsBytes(value));
	}

	private <T> T read(String json, Class<T> type) {
		return this.mapper.readValue(json.getBytes(StandardCharsets.UTF_8), type);
	}

}
