package com.example.payments.vipps.client.callback;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TransactionUpdateCallback#parse(byte[])}, with the guide's example
 * bodies and its tolerances.
 *
 * @author vipps-client
 */
class TransactionUpdateCallbackTests {

	@Test
	void readsTheGuidesRegularCallbackWithTheMsnAsANumber() {
		TransactionUpdateCallback callback = parse("""
				{"merchantSerialNumber": 123456, "orderId": "acme-shop-123-order123abc",
				 "transactionInfo": {"amount": 20000, "status": "RESERVED",
				   "timeStamp": "2018-12-12T11:18:38.246Z", "transactionId": "5001420062"}}""");
		assertThat(callback).isInstanceOf(RegularCheckOutPaymentRequest.class);
		assertThat(callback.merchantSerialNumber()).isEqualTo("123456");
		assertThat(callback.orderId()).isEqualTo("acme-shop-123-order123abc");
		assertThat(callback.transactionInfo().amount()).isEqualTo(20000);
		assertThat(callback.transactionInfo().knownStatus()).isEqualTo(CallbackStatus.RESERVED);
		assertThat(callback.transactionInfo().timeStamp()).isEqualTo(Instant.parse("2018-12-12T11:18:38.246Z"));
		assertThat(callback.transactionInfo().transactionId()).isEqualTo("5001420062");
		assertThat(callback.userDetails()).isNull();
		assertThat(callback.errorInfo()).isNull();
	}

	@Test
	void readsTheGuidesExpressCallbackWithZipCodeAndCountryNo() {
		TransactionUpdateCallback callback = parse("""
				{"merchantSerialNumber": 123456, "orderId": "acme-shop-123-order124",
				 "shippingDetails": {
				   "address": {"addressLine1": "Dronning Eufemias gate 42", "addressLine2": "Att: Rune Garborg",
				               "city": "OSLO", "country": "NO", "zipCode": "0191"},
				   "shippingCost": 99, "shippingMethod": "By cannon", "shippingMethodId": "53DBB6BA"},
				 "transactionInfo": {"amount": 20000, "status": "RESERVE",
				   "timeStamp": "2018-12-12T11:18:38.246Z", "transactionId": "5001420062"},
				 "userDetails": {"firstName": "Ada", "lastName": "Lovelace", "email": "user@example.com",
				   "mobileNumber": "12345678", "userId": "1234567", "bankIdVerified": 0}}""");
		assertThat(callback).isInstanceOfSatisfying(ExpressCheckOutPaymentRequest.class, (express) -> {
			assertThat(express.shippingDetails().address().postCode()).isEqualTo("0191");
			assertThat(express.shippingDetails().address().country()).isEqualTo("NO");
			assertThat(express.shippingDetails().shippingCost()).isEqualByComparingTo(new BigDecimal("99"));
			assertThat(express.shippingDetails().shippingMethodId()).isEqualTo("53DBB6BA");
		});
		assertThat(callback.transactionInfo().knownStatus()).as("RESERVE is RESERVED spelt the express way")
			.isEqualTo(CallbackStatus.RESERVED);
		assertThat(callback.userDetails().userId()).isEqualTo("1234567");
		assertThat(callback.toString()).doesNotContain("Lovelace", "user@example.com", "12345678", "Eufemias");
	}

	@Test
	void readsPostCodeCountryNorwayAndTheMsnAsAString() {
		TransactionUpdateCallback callback = parse("""
				{"merchantSerialNumber": "654321", "orderId": "order-1",
				 "shippingDetails": {"address": {"addressLine1": "Gate 1", "city": "Oslo", "country": "Norway",
				   "postCode": "0154"}, "shippingCost": 0.0, "shippingMethod": "Pick-up", "shippingMethodId": "pickup"},
				 "transactionInfo": {"amount": 10000, "status": "SALE", "timeStamp": "2018-12-12T11:18:38"},
				 "userDetails": {"firstName": "Ada", "lastName": "L", "email": "a@example.com",
				   "mobileNumber": "12345678", "userId": "uiJskNQ6qNN1iwN891uuob=="}}""");
		assertThat(callback.merchantSerialNumber()).isEqualTo("654321");
		assertThat(((ExpressCheckOutPaymentRequest) callback).shippingDetails().address().postCode()).isEqualTo("0154");
		assertThat(callback.transactionInfo().knownStatus()).isEqualTo(CallbackStatus.SALE);
		assertThat(callback.transactionInfo().timeStamp()).as("no offset is UTC")
			.isEqualTo(Instant.parse("2018-12-12T11:18:38Z"));
		assertThat(callback.transactionInfo().transactionId()).as("optional").isNull();
	}

	@Test
	void readsAFailedReservationWithItsErrorInfo() {
		TransactionUpdateCallback callback = parse(
				"""
						{"merchantSerialNumber": 123456, "orderId": "order-2",
						 "transactionInfo": {"amount": 20000, "status": "RESERVE_FAILED", "timeStamp": "2018-12-12T11:18:38.246Z"},
						 "errorInfo": {"errorGroup": "Payment", "errorCode": "42", "errorMessage": "Refused by issuer",
						   "contextId": "f70b8bf7"}}""");
		assertThat(callback.transactionInfo().knownStatus()).isEqualTo(CallbackStatus.RESERVE_FAILED);
		assertThat(callback.errorInfo())
			.isEqualTo(new CallbackErrorInfo("Payment", "42", "Refused by issuer", "f70b8bf7"));
	}

	@Test
	void readsUserDetailsOfARegularPaymentWithScope() {
		TransactionUpdateCallback callback = parse("""
				{"merchantSerialNumber": 123456, "orderId": "order-3",
				 "transactionInfo": {"amount": 20000, "status": "RESERVED", "timeStamp": "2018-12-12T11:18:38.246Z"},
				 "userDetails": {"firstName": "Ada", "lastName": "L", "email": "a@example.com",
				   "mobileNumber": "12345678", "userId": "u1"}}""");
		assertThat(callback).isInstanceOf(RegularCheckOutPaymentRequest.class);
		assertThat(callback.userDetails().userId()).isEqualTo("u1");
	}

	@Test
	void readsEveryListedStatusAndNothingElse() {
		assertThat(CallbackStatus.of("CANCELLED")).isEqualTo(CallbackStatus.CANCELLED);
		assertThat(CallbackStatus.of("REJECTED")).isEqualTo(CallbackStatus.REJECTED);
		assertThat(CallbackStatus.of("SALE_FAILED")).isEqualTo(CallbackStatus.SALE_FAILED);
		assertThat(CallbackStatus.of("reserved")).isEqualTo(CallbackStatus.UNKNOWN);
		assertThat(CallbackStatus.of(null)).isEqualTo(CallbackStatus.UNKNOWN);
		assertThat(parse("""
				{"merchantSerialNumber": 123456, "orderId": "order-4",
				 "transactionInfo": {"amount": 20000, "status": "TELEPORTED"}}""").transactionInfo().knownStatus())
			.isEqualTo(CallbackStatus.UNKNOWN);
	}

	@Test
	void rejectsBodiesThatAreNotACallbackWithAClearMessage() {
		assertRejected("", "the callback has no body");
		assertRejected("{not json", "the callback body is not JSON");
		assertRejected("[1,2]", "the callback body is not a JSON object");
		assertRejected("{\"orderId\":\"o-1\",\"transactionInfo\":{\"amount\":100,\"status\":\"SALE\"}}",
				"merchantSerialNumber must be a non-blank string");
		assertRejected("{\"merchantSerialNumber\":123456,\"transactionInfo\":{\"amount\":100,\"status\":\"SALE\"}}",
				"orderId must be a non-blank string");
		assertRejected("{\"merchantSerialNumber\":123456,\"orderId\":\"o-1\"}",
				"the callback has no transactionInfo object");
		assertRejected("{\"merchantSerialNumber\":123456,\"orderId\":\"o-1\",\"transactionInfo\":{\"amount\":100}}",
				"status must be a non-blank string");
		assertRejected(
				"{\"merchantSerialNumber\":123456,\"orderId\":\"o-1\",\"transactionInfo\":{\"amount\":\"1.5\",\"status\":\"SALE\"}}",
				"transactionInfo.amount must be an integer (øre)");
	}

	@Test
	void tellsABodyThatIsNoJsonObjectFromAnInvalidOne() {
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> parse("{not json"))
			.satisfies((ex) -> assertThat(ex.malformed()).isTrue());
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> parse("\"text\""))
			.satisfies((ex) -> assertThat(ex.malformed()).isTrue());
		assertThatExceptionOfType(InvalidCallbackException.class)
			.isThrownBy(() -> parse("{\"merchantSerialNumber\":123456,\"orderId\":\"o-1\"}"))
			.satisfies((ex) -> assertThat(ex.malformed()).isFalse());
	}

	@Test
	void namesTheBrokenFieldWithoutQuotingPersonalData() {
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> parse("""
				{"merchantSerialNumber": 123456, "orderId": "order-5",
				 "transactionInfo": {"amount": 20000, "status": "RESERVED"},
				 "userDetails": {"email": {"secret": "ada@example.com"}}}"""))
			.withMessageStartingWith("the callback cannot be read as RegularCheckOutPaymentRequest at ")
			.withMessageContaining("email")
			.withMessageNotContaining("ada@example.com");
	}

	private static void assertRejected(String body, String message) {
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> parse(body)).withMessage(message);
	}

	private static TransactionUpdateCallback parse(String body) {
		return TransactionUpdateCallback.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
