package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.VippsTestClient.Result;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vipps endpoints over real HTTP: state machine, bookkeeping, idempotency, errors,
 * credentials, rate limits and validation.
 */
@RequiresVippsOpenApiSpec
class VippsApiTests {

	static final String MSN = "123456";

	static final String DIRECT_MSN = "654321";

	private static final AtomicInteger orders = new AtomicInteger();

	@RegisterExtension
	static VippsSimulatorExtension vipps = new VippsSimulatorExtension(
			(builder) -> builder.merchant(SimulatedMerchant.of(MSN, "client-id", "client-secret", "subscription-key"))
				.merchant(SimulatedMerchant.of(DIRECT_MSN, "cid-2", "secret-2", "key-2").directCapture(true))
				.partner(SimulatedPartner.of("partner-id", "partner-secret", "partner-key", Set.of(MSN)))
				.seed(42L));

	static VippsOpenApiContract contract;

	static VippsTestClient client;

	static VippsTestClient direct;

	static MerchantReceiver merchant;

	@BeforeAll
	static void setUp() {
		contract = VippsOpenApiContract.load();
		merchant = MerchantReceiver.start();
		client = new VippsTestClient(vipps.simulator(), "client-id", "client-secret", "subscription-key", MSN);
		direct = new VippsTestClient(vipps.simulator(), "cid-2", "secret-2", "key-2", null);
	}

	@AfterAll
	static void everyAnswerAndCallbackMatchesTheSpec() {
		merchant.close();
		// Captured before the extension stops the simulator: everything the tests made it
		// do.
	}

	static String orderId() {
		return "acme-shop-123-order" + orders.incrementAndGet();
	}

	private String initiated() {
		String orderId = orderId();
		assertThat(client.initiate(MSN, orderId, 20000, merchant.baseUrl()).status()).isEqualTo(200);
		return orderId;
	}

	private String reserved() {
		String orderId = initiated();
		vipps.simulator().approve(MSN, orderId);
		return orderId;
	}

	@Test
	void initiateAnswersWithALandingPageUrlWhoseTokenIsRecoverable() {
		String orderId = orderId();
		Result result = client.initiate(MSN, orderId, 20000, merchant.baseUrl());
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.version()).isEqualTo("0.1.0");
		String url = result.json().get("url").asString();
		assertThat(url)
			.startsWith(vipps.simulator().baseUrl() + "/dwo-api-application/v1/deeplink/vippsgateway?v=2&token=");
		assertThat(url.split("=", 3)[2]).isNotBlank().doesNotContain("=");
		assertThat(result.json().get("orderId").asString()).isEqualTo(orderId);
		JsonNode details = client.details(orderId).json();
		assertThat(details.has("transactionSummary")).isFalse();
		assertThat(details.get("transactionLogHistory").get(0).get("operation").asString()).isEqualTo("INITIATE");
		assertThat(contract.simulatorViolations(vipps.simulator().exchanges())).isEmpty();
	}

	@Test
	void duplicateOrderIdIsError34ButTheSameOrderIdUnderAnotherMsnIsAllowed() {
		String orderId = initiated();
		Result duplicate = client.initiate(MSN, orderId, 20000, merchant.baseUrl());
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(duplicate.errorGroup()).isEqualTo("Merchant");
		assertThat(duplicate.errorCode()).isEqualTo("34");
		assertThat(direct.initiate(DIRECT_MSN, orderId, 20000, merchant.baseUrl()).status()).isEqualTo(200);
	}

	@Test
	void partialCapturesAndRefundsKeepTheSummaryBookkeeping() {
		String orderId = reserved();
		Result first = client.capture(orderId, MSN, 5000L, "cap-1");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("transactionInfo").get("status").asString()).isEqualTo("Captured");
		assertThat(first.json().get("transactionSummary").get("remainingAmountToCapture").asLong()).isEqualTo(15000);
		assertThat(client.capture(orderId, MSN, 20000L, "cap-2").errorCode()).isEqualTo("61");
		assertThat(client.capture(orderId, MSN, null, "cap-3")
			.json()
			.get("transactionSummary")
			.get("capturedAmount")
			.asLong()).isEqualTo(20000);
		Result refund = client.refund(orderId, MSN, 3000L, "ref-1");
		assertThat(refund.json().get("transaction").get("status").asString()).isEqualTo("Refund");
		assertThat(refund.json().get("transactionSummary").get("remainingAmountToRefund").asLong()).isEqualTo(17000);
		assertThat(client.refund(orderId, MSN, 17001L, "ref-2").errorCode()).isEqualTo("71");
		client.refund(orderId, MSN, null, "ref-3");
		SimulatedPayment truth = vipps.simulator().payment(MSN, orderId).orElseThrow();
		assertThat(truth.status()).isEqualTo(Status.REFUNDED);
		assertThat(truth.refundedAmount()).isEqualTo(20000);
		JsonNode history = client.details(orderId).json().get("transactionLogHistory");
		assertThat(history.get(0).get("operation").asString()).isEqualTo("REFUND");
		assertThat(history.get(0).get("requestId").asString()).isEqualTo("ref-3");
		assertThat(history.get(history.size() - 1).get("operation").asString()).isEqualTo("INITIATE");
		assertThat(history.size()).isEqualTo(6);
		assertThat(contract.simulatorViolations(vipps.simulator().exchanges())).isEmpty();
	}

	@Test
	void captureIsIdempotentPerRequestIdAndRejectsADifferentPayloadWith93() {
		String orderId = reserved();
		Result first = client.capture(orderId, MSN, 5000L, "same-key");
		Result again = client.capture(orderId, MSN, 5000L, "same-key");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(vipps.simulator().payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
		Result different = client.capture(orderId, MSN, 6000L, "same-key");
		assertThat(different.status()).isEqualTo(400);
		assertThat(different.errorCode()).isEqualTo("93");
		// Keys are per endpoint: the same key may be used once for refund.
		assertThat(client.refund(orderId, MSN, 1000L, "same-key").status()).isEqualTo(200);
		assertThat(vipps.simulator().payment(MSN, orderId).orElseThrow().log()).hasSize(4);
	}

	@Test
	void captureAndRefundRequireAnXRequestIdOfAtMost40Characters() {
		String orderId = reserved();
		assertThat(client.capture(orderId, MSN, 1000L, null).errorCode()).isEqualTo("X-Request-Id");
		assertThat(client.capture(orderId, MSN, 1000L, "x".repeat(41)).errorCode()).isEqualTo("X-Request-Id");
		assertThat(client.refund(orderId, MSN, 1000L, null).status()).isEqualTo(400);
	}

	@Test
	void captureBeforeReservationIs62AndAfterCancelIs91() {
		String orderId = initiated();
		assertThat(client.capture(orderId, MSN, 1000L, "c1").errorCode()).isEqualTo("62");
		Result cancel = client.cancel(orderId, MSN, false);
		assertThat(cancel.status()).isEqualTo(200);
		assertThat(cancel.json().get("transactionInfo").get("status").asString()).isEqualTo("Cancelled");
		assertThat(vipps.simulator().payment(MSN, orderId).orElseThrow().log().get(0).operation())
			.isEqualTo(Operation.CANCEL);
		assertThat(client.capture(orderId, MSN, 1000L, "c2").errorCode()).isEqualTo("91");
		assertThat(client.refund(orderId, MSN, 1000L, "r1").errorCode()).isEqualTo("73");
	}

	@Test
	void cancelAfterReservationVoidsAndRefundOfAReservationIs72() {
		String orderId = reserved();
		assertThat(client.refund(orderId, MSN, 1000L, "r1").errorCode()).isEqualTo("72");
		Result cancel = client.cancel(orderId, MSN, false);
		assertThat(cancel.json().get("transactionSummary").get("remainingAmountToCapture").asLong()).isZero();
		SimulatedPayment truth = vipps.simulator().payment(MSN, orderId).orElseThrow();
		assertThat(truth.status()).isEqualTo(Status.VOIDED);
		assertThat(truth.log().get(0).operation()).isEqualTo(Operation.VOID);
	}

	@Test
	void cancelAfterPartialCaptureNeedsShouldReleaseRemainingFunds() {
		String orderId = reserved();
		client.capture(orderId, MSN, 5000L, "c1");
		Result refused = client.cancel(orderId, MSN, false);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorGroup()).isEqualTo("Payment");
		assertThat(refused.errorCode()).isEqualTo("51");
		Result released = client.cancel(orderId, MSN, true);
		assertThat(released.status()).isEqualTo(200);
		JsonNode summary = released.json().get("transactionSummary");
		assertThat(summary.get("capturedAmount").asLong()).isEqualTo(5000);
		assertThat(summary.get("remainingAmountToCapture").asLong()).isZero();
		assertThat(client.capture(orderId, MSN, 1000L, "c2").errorCode()).isEqualTo("61");
		client.capture(orderId, MSN, null, "c3");
		assertThat(vipps.simulator().payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
	}

	@Test
	void fullyCapturedPaymentCannotBeCancelled() {
		String orderId = reserved();
		client.capture(orderId, MSN, null, "c1");
		assertThat(client.cancel(orderId, MSN, true).errorCode()).isEqualTo("51");
	}

	@Test
	void directCaptureMerchantGetsASaleAndCanOnlyRefund() {
		String orderId = orderId();
		direct.initiate(DIRECT_MSN, orderId, 30000, merchant.baseUrl());
		SimulatedPayment sale = vipps.simulator().approve(DIRECT_MSN, orderId);
		assertThat(sale.log().get(0).operation()).isEqualTo(Operation.SALE);
		assertThat(sale.capturedAmount()).isEqualTo(30000);
		assertThat(direct.cancel(orderId, DIRECT_MSN, false).errorCode()).isEqualTo("51");
		assertThat(direct.refund(orderId, DIRECT_MSN, 30000L, "r").status()).isEqualTo(200);
	}

	@Test
	void unknownOrderAndAnotherMsnsOrderAre404With35() {
		String orderId = initiated();
		Result unknown = client.details("no-such-order-1");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo("35");
		Result foreign = direct.details(orderId);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.errorGroup()).isEqualTo("Merchant");
	}

	@Test
	void forceApproveNeedsTheUrlTokenAndReservesThePayment() {
		String orderId = orderId();
		String url = client.initiate(MSN, orderId, 20000, merchant.baseUrl()).json().get("url").asString();
		assertThat(client.forceApprove(orderId, "wrong").errorCode()).isEqualTo("token");
		Result approved = client.forceApprove(orderId, url.split("=", 3)[2]);
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.body()).isEmpty();
		assertThat(vipps.simulator().payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.RESERVED);
		assertThat(client.forceApprove(orderId, url.split("=", 3)[2]).errorCode()).isEqualTo("91");
	}

	@Test
	void wrongMissingOrExpiredCredentialsGet401() {
		assertThat(client.token("client-id", "wrong", "subscription-key").status()).isEqualTo(401);
		assertThat(client.token("client-id", "client-secret", "unknown-key").json().get("statusCode").asInt())
			.isEqualTo(401);
		VippsTestClient another = new VippsTestClient(vipps.simulator(), "client-id", "client-secret",
				"subscription-key", null);
		String orderId = initiated();
		another.useToken("not-a-token");
		assertThat(another.details(orderId).status()).isEqualTo(401);
		// Case matters: "bearer" is not "Bearer".
		int lowercase = another.http()
			.get()
			.uri("/ecomm/v2/payments/" + orderId + "/details")
			.header("Authorization", "bearer x")
			.header("Ocp-Apim-Subscription-Key", "subscription-key")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getStatus()
			.value();
		assertThat(lowercase).isEqualTo(401);
		// A token of one key set is no good with another subscription key.
		VippsTestClient crossed = new VippsTestClient(vipps.simulator(), "cid-2", "secret-2", "key-2", null);
		boolean crossedCall = crossed.http()
			.get()
			.uri("/ecomm/v2/payments/" + orderId + "/details")
			.header("Authorization",
					"Bearer " + crossed.token("cid-2", "secret-2", "key-2").json().get("access_token").asString())
			.header("Ocp-Apim-Subscription-Key", "subscription-key")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getStatus()
			.value() == 401;
		assertThat(crossedCall).isTrue();
	}

	@Test
	void tokensExpireAfterTheirLifetimeAndOnDemand() {
		try (VippsSimulator shortLived = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of(MSN, "client-id", "client-secret", "subscription-key"))
			.tokenLifetime(Duration.ofMinutes(5))
			.start()) {
			VippsTestClient local = new VippsTestClient(shortLived, "client-id", "client-secret", "subscription-key",
					null);
			assertThat(local.details("unknown-order").status()).isEqualTo(404);
			shortLived.advanceClock(Duration.ofMinutes(6));
			Result expired = local.details("unknown-order");
			assertThat(expired.status()).isEqualTo(401);
			assertThat(expired.json().get("message").asString()).contains("expired");
			VippsTestClient fresh = new VippsTestClient(shortLived, "client-id", "client-secret", "subscription-key",
					null);
			assertThat(fresh.details("unknown-order").status()).isEqualTo(404);
			shortLived.expireTokens();
			assertThat(fresh.details("unknown-order").status()).isEqualTo(401);
		}
	}

	@Test
	void partnerKeysNeedTheMerchantSerialNumberHeaderOfALinkedMerchant() {
		VippsTestClient partner = new VippsTestClient(vipps.simulator(), "partner-id", "partner-secret", "partner-key",
				MSN);
		String orderId = orderId();
		assertThat(partner.initiate(MSN, orderId, 20000, merchant.baseUrl()).status()).isEqualTo(200);
		assertThat(partner.details(orderId).status()).isEqualTo(200);
		VippsTestClient withoutHeader = new VippsTestClient(vipps.simulator(), "partner-id", "partner-secret",
				"partner-key", null);
		assertThat(withoutHeader.details(orderId).status()).isEqualTo(403);
		VippsTestClient foreign = new VippsTestClient(vipps.simulator(), "partner-id", "partner-secret", "partner-key",
				DIRECT_MSN);
		assertThat(foreign.details(orderId).status()).isEqualTo(403);
	}

	@Test
	void initiateIsLimitedToTwoCallsPerMinutePerOrderId() {
		String orderId = orderId();
		client.initiate(MSN, orderId, 20000, merchant.baseUrl());
		client.initiate(MSN, orderId, 20000, merchant.baseUrl());
		Result limited = client.initiate(MSN, orderId, 20000, merchant.baseUrl());
		assertThat(limited.status()).isEqualTo(429);
		assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 60L);
		assertThat(client.initiate(MSN, orderId(), 20000, merchant.baseUrl()).status()).isEqualTo(200);
	}

	@Test
	void captureIsLimitedToFivePerMinuteAndDetailsTo120() {
		String orderId = reserved();
		for (int i = 0; i < 5; i++) {
			assertThat(client.capture(orderId, MSN, 100L, "c" + i).status()).isEqualTo(200);
		}
		assertThat(client.capture(orderId, MSN, 100L, "c6").status()).isEqualTo(429);
		for (int i = 0; i < 120; i++) {
			client.details(orderId);
		}
		Result limited = client.details(orderId);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.retryAfter()).isNotNull();
		vipps.simulator().advanceClock(Duration.ofSeconds(61));
		assertThat(client.details(orderId).status()).isEqualTo(200);
	}

	@Test
	void validationRejectsBadInitiateRequestsTheWayVippsDoes() {
		assertThat(client.initiate(good().replace("\"123456\"", "123456")).errorCode()).isEqualTo("99");
		assertThat(client.initiate(good().replace("fallBack", "fallback")).status()).isEqualTo(500);
		assertThat(client.initiate(good().replace("20000", "\"20000\"")).status()).isEqualTo(500);
		assertThat(client.initiate(good().replace("20000", "99")).errorCode()).isEqualTo("amount");
		assertThat(client.initiate(good().replaceAll("acme-shop-123-order\\d+", "bad_order!")).errorCode())
			.isEqualTo("orderId");
		assertThat(client.initiate(good().replace("One pair of socks", "x".repeat(101))).errorCode())
			.isEqualTo("transactionText");
		assertThat(client
			.initiate(good().replace("\"callbackPrefix\"", "\"paymentType\":\"ecom Express\",\"callbackPrefix\""))
			.errorCode()).isEqualTo("paymentType");
		assertThat(client
			.initiate(good().replace("\"callbackPrefix\"",
					"\"paymentType\":\"eComm Express Payment\",\"callbackPrefix\""))
			.errorCode()).isEqualTo("consentRemovalPrefix");
		assertThat(client.initiate(good().replace("\"customerInfo\":{}", "\"customerInfo\":{\"mobileNumber\":\"12\"}"))
			.errorCode()).isEqualTo("81");
		assertThat(
				client.initiate(good().replace("\"transactionText\"", "\"skipLandingPage\":true,\"transactionText\""))
					.errorCode())
			.isEqualTo("38");
		assertThat(client.initiate(good().replace("\"transactionText\"", "\"scope\":\"name nin\",\"transactionText\""))
			.status()).isEqualTo(403);
		assertThat(client.initiate("{not json").status()).isEqualTo(500);
		assertThat(contract.simulatorViolations(vipps.simulator().exchanges())).isEmpty();
	}

	private static String good() {
		return VippsTestClient.regular(MSN, orderId(), 20000, merchant.baseUrl());
	}

	@Test
	void strictUrlPolicyRejectsLocalhostHttpWithAnInvalidRequestError() {
		try (VippsSimulator strict = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of(MSN, "client-id", "client-secret", "subscription-key"))
			.urlPolicy(UrlPolicy.STRICT)
			.start()) {
			VippsTestClient local = new VippsTestClient(strict, "client-id", "client-secret", "subscription-key", null);
			Result refused = local.initiate(MSN, orderId(), 20000, "http://localhost:8080/callbacks");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.errorGroup()).isEqualTo("InvalidRequest");
			assertThat(refused.errorCode()).isEqualTo("callbackPrefix");
			assertThat(local.initiate(MSN, orderId(), 20000, "https://localhost/callbacks").errorCode())
				.isEqualTo("callbackPrefix");
			assertThat(local.initiate(MSN, orderId(), 20000, "https://shop.example.com/callbacks").status())
				.isEqualTo(200);
		}
	}

	@Test
	void defaultUrlPolicyRefusesPlainHttpToAHostThatIsNotLoopback() {
		Result refused = client.initiate(MSN, orderId(), 20000, "http://shop.example.com/vipps");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorGroup()).isEqualTo("InvalidRequest");
		assertThat(refused.errorCode()).isEqualTo("callbackPrefix");
		assertThat(refused.json().get(0).get("errorMessage").asString()).contains("HTTPS");
		assertThat(client.initiate(MSN, orderId(), 20000, "http://localhost:8082/vipps").status()).isEqualTo(200);
	}

	@Test
	void fallBackMayBeAnAppUrlOrIntentWithoutIsApp() {
		for (String fallBack : List.of("myapp://vipps/result", "INTENT")) {
			String orderId = orderId();
			Result initiated = client.initiate(VippsTestClient.regular(MSN, orderId, 20000, merchant.baseUrl())
				.replace("https://shop.example.com/result/" + orderId, fallBack));
			assertThat(initiated.status()).as(fallBack).isEqualTo(200);
			assertThat(initiated.json().get("url").asString()).as("no isApp: the landing page")
				.startsWith(vipps.simulator().baseUrl());
		}
		String orderId = orderId();
		Result refused = client.initiate(VippsTestClient.regular(MSN, orderId, 20000, merchant.baseUrl())
			.replace("https://shop.example.com/result/" + orderId, "javascript:alert(1)"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo("fallBack");
	}

	@Test
	void deprecatedStatusShowsTheNewestOperation() {
		String orderId = reserved();
		Result status = client.call(HttpMethod.GET, "/ecomm/v2/payments/" + orderId + "/status", null, null);
		assertThat(status.json().get("transactionInfo").get("status").asString()).isEqualTo("RESERVE");
	}

	@Test
	void captureIsRefusedWith98After180Days() {
		try (VippsSimulator sim = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of(MSN, "client-id", "client-secret", "subscription-key"))
			.tokenLifetime(Duration.ofDays(400))
			.start()) {
			VippsTestClient local = new VippsTestClient(sim, "client-id", "client-secret", "subscription-key", null);
			String orderId = orderId();
			local.initiate(MSN, orderId, 20000, merchant.baseUrl());
			sim.approve(MSN, orderId);
			sim.advanceClock(Duration.ofDays(181));
			assertThat(local.capture(orderId, MSN, null, "late").errorCode()).isEqualTo("98");
		}
	}

}
