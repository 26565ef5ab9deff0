package com.example.payments.vipps.simulator.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The contract check can fail: wrong requests, wrong answers and undocumented deviations
 * are reported; only the documented deviations pass.
 */
@RequiresVippsOpenApiSpec
class VippsOpenApiContractTests {

	private static final String GOOD = "{\"customerInfo\":{},\"merchantInfo\":{\"merchantSerialNumber\":\"123456\","
			+ "\"callbackPrefix\":\"https://shop.example.com/cb\",\"fallBack\":\"https://shop.example.com/r\"},"
			+ "\"transaction\":{\"orderId\":\"order-1\",\"amount\":20000,\"transactionText\":\"Socks\"}}";

	private static final Map<String, List<String>> HEADERS = Map.of("Authorization", List.of("Bearer t"),
			"Ocp-Apim-Subscription-Key", List.of("k"), "Content-Type", List.of("application/json;charset=UTF-8"));

	private static final Map<String, List<String>> JSON = Map.of("Content-Type",
			List.of("application/json;charset=UTF-8"));

	static VippsOpenApiContract contract;

	@BeforeAll
	static void load() {
		contract = VippsOpenApiContract.load();
	}

	private static RecordedExchange initiate(String requestBody) {
		return new RecordedExchange(1, Instant.now(), Kind.INITIATE, "123456", "order-1", "POST",
				"http://127.0.0.1:1/ecomm/v2/payments", HEADERS, requestBody, 200, JSON,
				"{\"orderId\":\"order-1\",\"url\":\"http://x/y\"}", Duration.ZERO, null, null);
	}

	private static RecordedExchange callback(String body) {
		return callback(body, "tok");
	}

	private static RecordedExchange callback(String body, String authorization) {
		Map<String, List<String>> headers = new HashMap<>(JSON);
		if (authorization != null) {
			headers.put("Authorization", List.of(authorization));
		}
		return new RecordedExchange(2, Instant.now(), Kind.CALLBACK, "123456", "order-1", "POST",
				"https://shop.example.com/cb/v2/payments/order-1", headers, body, 200, Map.of(), "", Duration.ZERO,
				null, null);
	}

	@Test
	void aCorrectInitiateHasNoViolations() {
		assertThat(contract.violations(List.of(initiate(GOOD)))).isEmpty();
	}

	@Test
	void aRequestSentAsPlainApplicationJsonIsAccepted() {
		RecordedExchange plain = new RecordedExchange(1, Instant.now(), Kind.INITIATE, "123456", "order-1", "POST",
				"http://127.0.0.1:1/ecomm/v2/payments",
				Map.of("Authorization", List.of("Bearer t"), "Ocp-Apim-Subscription-Key", List.of("k"), "Content-Type",
						List.of("application/json")),
				GOOD, 200, JSON, "{\"orderId\":\"order-1\",\"url\":\"http://x/y\"}", Duration.ZERO, null, null);
		assertThat(contract.violations(List.of(plain))).isEmpty();
	}

	@Test
	void amountAsAStringIsAViolation() {
		assertThat(contract.violations(List.of(initiate(GOOD.replace("20000", "\"20000\""))))).singleElement()
			.asString()
			.contains("/transaction/amount");
	}

	@Test
	void misspelledFallbackIsAViolation() {
		assertThat(contract.violations(List.of(initiate(GOOD.replace("fallBack", "fallback"))))).isNotEmpty()
			.anySatisfy((v) -> assertThat(v).contains("fallBack"));
	}

	@Test
	void merchantSerialNumberAsANumberInARequestIsAViolation() {
		assertThat(contract.violations(List.of(initiate(GOOD.replace("\"123456\"", "123456"))))).isNotEmpty()
			.anySatisfy((v) -> assertThat(v).contains("merchantSerialNumber"));
	}

	@Test
	void aWrongAnswerIsAViolation() {
		RecordedExchange wrong = new RecordedExchange(1, Instant.now(), Kind.INITIATE, "123456", "order-1", "POST",
				"http://127.0.0.1:1/ecomm/v2/payments", HEADERS, GOOD, 200, JSON, "{\"orderId\":\"order-1\"}",
				Duration.ZERO, null, null);
		assertThat(contract.simulatorViolations(List.of(wrong))).singleElement().asString().contains("url");
	}

	@Test
	void documentedCallbackDeviationsAreToleratedButOthersAreNot() {
		String regular = "{\"merchantSerialNumber\":123456,\"orderId\":\"order-1\",\"transactionInfo\":{\"amount\":20000,"
				+ "\"status\":\"RESERVE_FAILED\",\"timeStamp\":\"2018-12-12T11:18:38.246Z\",\"transactionId\":\"5001420062\"}}";
		assertThat(contract.violations(List.of(callback(regular)))).isEmpty();
		assertThat(contract.violations(List.of(callback(regular.replace("RESERVE_FAILED", "APPROVED"))))).isNotEmpty();
		assertThat(contract.violations(List.of(callback(regular.replace("20000", "\"20000\""))))).isNotEmpty();
	}

	private static final String EXPRESS_CALLBACK = "{\"merchantSerialNumber\":123456,\"orderId\":\"order-1\","
			+ "\"shippingDetails\":{\"address\":{\"addressLine1\":\"Robert Levins gate 5\",\"city\":\"OSLO\","
			+ "\"country\":\"NO\",\"zipCode\":\"0154\"},\"shippingCost\":COST,\"shippingMethod\":\"Pick-up point\","
			+ "\"shippingMethodId\":\"pickup\"},\"transactionInfo\":{\"amount\":20000,\"status\":\"STATUS\","
			+ "\"timeStamp\":\"2018-12-12T11:18:38.246Z\",\"transactionId\":\"5001420062\"},"
			+ "\"userDetails\":{\"email\":\"user@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
			+ "\"mobileNumber\":\"91234567\",\"userId\":\"uiJskNQ6qNN1iwN891uuob==\"}}";

	private static String expressCallback(String status, String shippingCost) {
		return EXPRESS_CALLBACK.replace("STATUS", status).replace("COST", shippingCost);
	}

	@Test
	void aCallbackWithFreeShippingIsReportedBecauseTheMerchantSpecAsksForAtLeastOneKrone() {
		// swagger.yaml allows 0.00, ms_import.yaml (the merchant endpoints) 1.00.
		assertThat(contract.violations(List.of(callback(expressCallback("RESERVE", "0.0"))))).isNotEmpty();
		assertThat(contract.violations(List.of(callback(expressCallback("RESERVE", "1.0"))))).isEmpty();
	}

	@Test
	void freeShippingOfferedAtInitiationFollowsTheVippsSideSpecAndPasses() {
		String express = GOOD.replace("\"fallBack\"",
				"\"paymentType\":\"eComm Express Payment\",\"consentRemovalPrefix\":\"https://shop.example.com/c\","
						+ "\"staticShippingDetails\":[{\"isDefault\":\"Y\",\"shippingCost\":0.0,"
						+ "\"shippingMethod\":\"Pick-up point\",\"shippingMethodId\":\"pickup\"}],\"fallBack\"");
		assertThat(contract.violations(List.of(initiate(express)))).isEmpty();
	}

	@Test
	void anExpressCallbackOfADirectCaptureSaleMatchesBothCallbackSchemasAndIsTolerated() {
		// SALE is in both status enums, and the regular schema allows extra properties.
		assertThat(contract.violations(List.of(callback(expressCallback("SALE", "99.0"))))).isEmpty();
	}

	@Test
	void aCallbackMustCarryTheAuthTokenGivenAtInitiation() {
		RecordedExchange initiated = initiate(GOOD.replace("\"fallBack\"", "\"authToken\":\"tok\",\"fallBack\""));
		String regular = "{\"merchantSerialNumber\":123456,\"orderId\":\"order-1\",\"transactionInfo\":{"
				+ "\"amount\":20000,\"status\":\"RESERVED\",\"timeStamp\":\"2018-12-12T11:18:38.246Z\"}}";
		assertThat(contract.violations(List.of(initiated, callback(regular)))).isEmpty();
		assertThat(contract.simulatorViolations(List.of(initiated, callback(regular, "other")))).singleElement()
			.asString()
			.contains("Authorization must be the authToken given at initiation, was a different value");
		assertThat(contract.simulatorViolations(List.of(initiated, callback(regular, null)))).singleElement()
			.asString()
			.contains("was missing");
	}

	@Test
	void aCallbackWithoutAuthorizationIsToleratedWhenNoAuthTokenWasGiven() {
		String regular = "{\"merchantSerialNumber\":123456,\"orderId\":\"order-1\",\"transactionInfo\":{"
				+ "\"amount\":20000,\"status\":\"RESERVED\",\"timeStamp\":\"2018-12-12T11:18:38.246Z\"}}";
		assertThat(contract.violations(List.of(initiate(GOOD), callback(regular, null)))).isEmpty();
	}

	@Test
	void expiredPersonalDataInDetailsIsToleratedButOtherBadValuesAreNot() {
		String expired = "{\"orderId\":\"order-1\",\"userDetails\":{\"email\":\"[Expired]\",\"firstName\":\"[Expired]\","
				+ "\"lastName\":\"[Expired]\",\"mobileNumber\":\"[Expired]\",\"userId\":\"[Expired]\"}}";
		assertThat(contract.violations(List.of(details(expired)))).isEmpty();
		assertThat(contract.violations(
				List.of(details(expired.replace("\"mobileNumber\":\"[Expired]\"", "\"mobileNumber\":\"123\"")))))
			.isNotEmpty();
	}

	private static RecordedExchange details(String body) {
		return new RecordedExchange(1, Instant.now(), Kind.DETAILS, "123456", "order-1", "GET",
				"http://127.0.0.1:1/ecomm/v2/payments/order-1/details", HEADERS, "", 200, JSON, body, Duration.ZERO,
				null, null);
	}

	@Test
	void gatewayErrorsAreToleratedOnlyFor401And429() {
		RecordedExchange unauthorized = new RecordedExchange(1, Instant.now(), Kind.DETAILS, null, "order-1", "GET",
				"http://127.0.0.1:1/ecomm/v2/payments/order-1/details", HEADERS, "", 401, JSON,
				"{\"statusCode\":401,\"message\":\"Access denied\"}", Duration.ZERO, null, null);
		assertThat(contract.violations(List.of(unauthorized))).isEmpty();
		RecordedExchange badRequest = new RecordedExchange(1, Instant.now(), Kind.DETAILS, null, "order-1", "GET",
				"http://127.0.0.1:1/ecomm/v2/payments/order-1/details", HEADERS, "", 400, JSON,
				"{\"statusCode\":400,\"message\":\"Bad\"}", Duration.ZERO, null, null);
		assertThat(contract.violations(List.of(badRequest))).isNotEmpty();
	}

	@Test
	void wrongRequestsSentToTheSimulatorAreReportedWhileItsAnswersStayValid() {
		try (VippsSimulator sim = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of("123456", "client-id", "client-secret", "subscription-key"))
			.rateLimits(false)
			.start()) {
			WebTestClient http = WebTestClient.bindToServer().baseUrl(sim.baseUrl()).build();
			String token = http.post()
				.uri("/accesstoken/get")
				.header("client_id", "client-id")
				.header("client_secret", "client-secret")
				.header("Ocp-Apim-Subscription-Key", "subscription-key")
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()
				.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
			for (String body : Set.of(GOOD.replace("20000", "\"20000\""), GOOD.replace("fallBack", "fallback"),
					GOOD.replace("\"123456\"", "123456"))) {
				http.post()
					.uri("/ecomm/v2/payments")
					.header("Authorization", "Bearer " + token)
					.header("Ocp-Apim-Subscription-Key", "subscription-key")
					.header("Content-Type", "application/json;charset=UTF-8")
					.bodyValue(body)
					.exchange()
					.expectStatus()
					.isEqualTo(500);
			}
			assertThat(contract.violations(sim.exchanges())).hasSizeGreaterThanOrEqualTo(3);
			assertThat(contract.simulatorViolations(sim.exchanges())).isEmpty();
		}
	}

	@Test
	void aMissingSpecFailsWithAClearMessage(@TempDir Path empty) {
		assertThatIllegalStateException().isThrownBy(() -> VippsOpenApiContract.load(empty))
			.withMessageContaining("swagger.yaml");
	}

}
