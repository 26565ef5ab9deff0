package com.example.payments.vipps.client;

import java.math.BigDecimal;
import java.util.List;

import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsNextStep;
import com.example.payments.vipps.client.error.VippsValidationException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CustomerInfo;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentType;
import com.example.payments.vipps.client.model.ShippingDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link VippsRequestValidator}: every guard accepts the good case and rejects
 * the bad one with the field named.
 *
 * @author vipps-client
 */
class VippsRequestValidatorTests {

	private static final String CALLBACK = "https://shop.example.com/vipps";

	private static final String FALLBACK = "https://shop.example.com/result/order-1";

	private final VippsRequestValidator validator = new VippsRequestValidator(false);

	private final VippsRequestValidator localValidator = new VippsRequestValidator(true);

	@Test
	void acceptsAWellFormedRegularPayment() {
		assertThatNoException()
			.isThrownBy(() -> this.validator.initiate(initiate("123456", "acme-order-1", 100, "Socks")));
		assertThatNoException().isThrownBy(() -> this.validator.initiate(initiate("12345", "a", 100, "x".repeat(100))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "order_1", "order 1", "ordre-æ", "order/1",
			"123456789012345678901234567890123456789012345678901" })
	void rejectsOrderIdsOutsideTheSpecPattern(String orderId) {
		assertRejected(() -> this.validator.initiate(initiate("123456", orderId, 1000, "Socks")), "orderId");
		assertRejected(() -> this.validator.details("123456", orderId), "orderId");
	}

	@Test
	void rejectsAmountsBelowOneKrone() {
		assertRejected(() -> this.validator.initiate(initiate("123456", "order-1", 99, "Socks")), "amount");
		assertRejected(() -> this.validator.initiate(initiate("123456", "order-1", 0, "Socks")), "amount");
		assertRejected(() -> this.validator.action(VippsOperation.CAPTURE, "order-1", "req-1",
				PaymentActionsRequest.of("123456", 99L, "Shipped")), "amount");
	}

	@Test
	void allowsCaptureAndRefundWithoutAmountMeaningTheRest() {
		assertThatNoException().isThrownBy(() -> this.validator.action(VippsOperation.CAPTURE, "order-1", "req-1",
				PaymentActionsRequest.of("123456", null, "Shipped")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1234", "1234567", "12345a", "" })
	void rejectsMsnsThatAreNotFiveOrSixDigits(String msn) {
		assertRejected(() -> this.validator.initiate(initiate(msn, "order-1", 1000, "Socks")), "merchantSerialNumber");
		assertRejected(() -> this.validator.details(msn, "order-1"), "merchantSerialNumber");
		assertRejected(() -> this.validator.cancel("order-1", CancelPaymentRequest.of(msn, "Cancelled")),
				"merchantSerialNumber");
	}

	@Test
	void rejectsTransactionTextsLongerThan100OrBlank() {
		assertRejected(() -> this.validator.initiate(initiate("123456", "order-1", 1000, "x".repeat(101))),
				"transactionText");
		assertRejected(() -> this.validator.action(VippsOperation.REFUND, "order-1", "req-1",
				PaymentActionsRequest.of("123456", 100L, " ")), "transactionText");
		assertRejected(() -> this.validator.cancel("order-1", CancelPaymentRequest.of("123456", "x".repeat(101))),
				"transactionText");
	}

	@Test
	void requiresARequestIdOfAtMost40CharactersOnCaptureAndRefund() {
		PaymentActionsRequest body = PaymentActionsRequest.of("123456", 1000L, "Shipped");
		assertThatNoException()
			.isThrownBy(() -> this.validator.action(VippsOperation.CAPTURE, "order-1", "r".repeat(40), body));
		assertRejected(() -> this.validator.action(VippsOperation.CAPTURE, "order-1", "r".repeat(41), body),
				"X-Request-Id");
		assertRejected(() -> this.validator.action(VippsOperation.REFUND, "order-1", null, body), "X-Request-Id");
		assertRejected(() -> this.validator.action(VippsOperation.REFUND, "order-1", "", body), "X-Request-Id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://shop.example.com/vipps", "https://localhost/vipps", "http://localhost:8080/x",
			"https://127.0.0.1/vipps", "shop.example.com/vipps", "ftp://shop.example.com", "not a url" })
	void rejectsCallbackUrlsThatAreNotPublicHttps(String url) {
		assertRejected(() -> this.validator.initiate(withMerchant(MerchantInfo.regular("123456", url, FALLBACK, null))),
				"callbackPrefix");
		assertRejected(() -> this.validator.initiate(withMerchant(MerchantInfo.regular("123456", CALLBACK, url, null))),
				"fallBack");
		assertRejected(() -> this.validator.initiate(withMerchant(
				new MerchantInfo("123456", CALLBACK, FALLBACK, null, url, null, null, PaymentType.EXPRESS, null))),
				"consentRemovalPrefix");
		assertRejected(
				() -> this.validator.initiate(withMerchant(
						new MerchantInfo("123456", CALLBACK, FALLBACK, null, null, url, null, null, null))),
				"shippingDetailsPrefix");
	}

	@Test
	void rejectsUrlsLongerThan255Characters() {
		String longUrl = "https://shop.example.com/" + "a".repeat(231);
		assertRejected(
				() -> this.validator.initiate(withMerchant(MerchantInfo.regular("123456", longUrl, FALLBACK, null))),
				"callbackPrefix");
	}

	@Test
	void acceptsLocalHttpUrlsOnlyWhenAllowed() {
		InitiatePaymentRequest local = withMerchant(
				MerchantInfo.regular("123456", "http://localhost:8080/vipps", "http://127.0.0.1:8080/result", null));
		assertRejected(() -> this.validator.initiate(local), "callbackPrefix");
		assertThatNoException().isThrownBy(() -> this.localValidator.initiate(local));
		InitiatePaymentRequest remoteHttp = withMerchant(
				MerchantInfo.regular("123456", "http://shop.example.com/vipps", FALLBACK, null));
		assertRejected(() -> this.localValidator.initiate(remoteHttp), "callbackPrefix");
	}

	@Test
	void acceptsAppSchemeFallBackOnlyForAppPayments() {
		MerchantInfo app = new MerchantInfo("123456", CALLBACK, "myapp://result", null, null, null, null, null, true);
		MerchantInfo web = new MerchantInfo("123456", CALLBACK, "myapp://result", null, null, null, null, null, false);
		MerchantInfo intent = new MerchantInfo("123456", CALLBACK, "INTENT", null, null, null, null, null, true);
		assertThatNoException().isThrownBy(() -> this.validator.initiate(withMerchant(app)));
		assertThatNoException().isThrownBy(() -> this.validator.initiate(withMerchant(intent)));
		assertRejected(() -> this.validator.initiate(withMerchant(web)), "fallBack");
	}

	@Test
	void rejectsMalformedMobileNumbers() {
		InitiatePaymentRequest request = new InitiatePaymentRequest(new CustomerInfo("+4791234567"),
				MerchantInfo.regular("123456", CALLBACK, FALLBACK, null),
				new InitiateTransaction("order-1", 1000, "Socks", null, null, null));
		assertRejected(() -> this.validator.initiate(request), "mobileNumber");
	}

	@Test
	void requiresConsentRemovalAndShippingForExpressAndForbidsScope() {
		MerchantInfo noConsent = new MerchantInfo("123456", CALLBACK, FALLBACK, null, null, null,
				List.of(ShippingDetails.ofOre(true, 1, 9900, "Posten", "posten")), PaymentType.EXPRESS, null);
		assertRejected(() -> this.validator.initiate(withMerchant(noConsent)), "consentRemovalPrefix");
		MerchantInfo noShipping = new MerchantInfo("123456", CALLBACK, FALLBACK, null, CALLBACK, null, null,
				PaymentType.EXPRESS, null);
		assertRejected(() -> this.validator.initiate(withMerchant(noShipping)), "shippingDetailsPrefix");
		MerchantInfo express = new MerchantInfo("123456", CALLBACK, FALLBACK, null, CALLBACK, CALLBACK, null,
				PaymentType.EXPRESS, null);
		InitiatePaymentRequest withScope = new InitiatePaymentRequest(null, express,
				new InitiateTransaction("order-1", 1000, "Socks", null, "name", null));
		assertRejected(() -> this.validator.initiate(withScope), "scope");
		assertThatNoException().isThrownBy(() -> this.validator.initiate(withMerchant(express)));
	}

	@ParameterizedTest(name = "shippingCost {0} NOK")
	@ValueSource(strings = { "-1", "-0.01", "10000.01", "4900000", "49.005", "0.001" })
	void rejectsShippingCostsThatAreNegativeHaveFractionsOfAnOreOrAreImplausiblyHigh(String nok) {
		assertRejected(() -> this.validator.initiate(withMerchant(expressShipping(new BigDecimal(nok)))),
				"shippingCost");
	}

	@Test
	void rejectsAMissingShippingCost() {
		assertRejected(() -> this.validator.initiate(withMerchant(expressShipping(null))), "shippingCost");
	}

	@ParameterizedTest(name = "shippingCost {0} NOK")
	@ValueSource(strings = { "0", "49", "49.5", "99.50", "10000", "10000.00" })
	void acceptsShippingCostsFromZeroToTheBoundWithAtMostTwoDecimals(String nok) {
		assertThatNoException()
			.isThrownBy(() -> this.validator.initiate(withMerchant(expressShipping(new BigDecimal(nok)))));
	}

	@Test
	void tellsTheCallerThatShippingCostIsNokNotOre() {
		assertThatThrownBy(() -> this.validator.initiate(withMerchant(expressShipping(BigDecimal.valueOf(49000)))))
			.isInstanceOfSatisfying(VippsValidationException.class,
					(exception) -> assertThat(exception.errorMessage()).contains("NOK (not øre)", "49000", "ofOre"));
	}

	private static MerchantInfo expressShipping(BigDecimal shippingCostNok) {
		return new MerchantInfo("123456", CALLBACK, FALLBACK, null, CALLBACK, null,
				List.of(new ShippingDetails("Y", 1, shippingCostNok, "Posten", "posten")), PaymentType.EXPRESS, null);
	}

	@Test
	void carriesTheCallContextInTheException() {
		assertThatThrownBy(() -> this.validator.action(VippsOperation.REFUND, "order-1", "req",
				PaymentActionsRequest.of("123456", 50L, "Refund")))
			.isInstanceOfSatisfying(VippsValidationException.class, (exception) -> {
				assertThat(exception.operation()).isEqualTo(VippsOperation.REFUND);
				assertThat(exception.msn()).isEqualTo("123456");
				assertThat(exception.orderId()).isEqualTo("order-1");
				assertThat(exception.httpStatus()).isZero();
				assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.FIX_REQUEST);
				assertThat(exception.classification().category()).isEqualTo(VippsErrorCategory.VALIDATION);
				assertThat(exception.kind()).isEqualTo("validation");
			});
	}

	private static void assertRejected(Runnable call, String field) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(VippsValidationException.class,
				(exception) -> assertThat(exception.errorCode()).isEqualTo(field));
	}

	private static InitiatePaymentRequest initiate(String msn, String orderId, long amount, String text) {
		return InitiatePaymentRequest.regular(msn, orderId, amount, text, CALLBACK, FALLBACK, "token");
	}

	private static InitiatePaymentRequest withMerchant(MerchantInfo merchant) {
		return new InitiatePaymentRequest(null, merchant,
				new InitiateTransaction("order-1", 1000, "Socks", null, null, null));
	}

}
