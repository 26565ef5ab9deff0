package com.example.payments.vipps.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.example.payments.vipps.simulator.MerchantReceiver.Received;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Express checkout: shipping details (static and from the merchant), the RESERVE callback
 * with user and shipping details, and consent removal.
 */
@RequiresVippsOpenApiSpec
class ExpressCheckoutTests {

	private static final String MSN = SimulatorFixture.MSN;

	private static final String SHIPPING = "{\"addressId\":3960,\"orderId\":\"%s\",\"shippingDetails\":["
			+ "{\"isDefault\":\"N\",\"priority\":1,\"shippingCost\":49.0,\"shippingMethod\":\"Walking\",\"shippingMethodId\":\"walk\"},"
			+ "{\"isDefault\":\"Y\",\"priority\":2,\"shippingCost\":99.5,\"shippingMethod\":\"Running\",\"shippingMethodId\":\"run\"}]}";

	private final SimulatorFixture fixture = new SimulatorFixture();

	private final MerchantReceiver merchant = this.fixture.merchant;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private String initiateExpress(VippsSimulator sim, boolean staticShipping) {
		String orderId = SimulatorFixture.orderId();
		assertThat(this.fixture.client(sim)
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.merchant.baseUrl(), staticShipping))
			.status()).isEqualTo(200);
		return orderId;
	}

	private Received callback(String orderId) {
		return this.merchant.awaitCallback(orderId);
	}

	@Test
	void staticShippingSkipsTheShippingCallAndTheCallbackCarriesUserAndShippingDetails() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiateExpress(sim, true);
		SimulatedPayment payment = sim.approveExpress(MSN, orderId, ExpressChoice.shippingMethod("home"));
		assertThat(payment.status()).isEqualTo(Status.RESERVED);
		assertThat(payment.shipping().shippingMethodId()).isEqualTo("home");
		JsonNode body = VippsPayloads.parse(callback(orderId).body());
		assertThat(body.get("transactionInfo").get("status").asString()).isEqualTo("RESERVE");
		assertThat(body.get("userDetails").get("userId").asString()).isEqualTo(SimulatedUser.ada().userId());
		assertThat(body.get("shippingDetails").get("address").get("zipCode").asString()).isEqualTo("0191");
		assertThat(body.get("shippingDetails").get("shippingCost").asDouble()).isEqualTo(199.0);
		assertThat(sim.exchanges()).noneMatch((e) -> e.kind() == Kind.SHIPPING_DETAILS);
		JsonNode details = this.fixture.client(sim).details(orderId).json();
		assertThat(details.get("shippingDetails").get("address").get("postCode").asString()).isEqualTo("0191");
		assertThat(details.get("userDetails").get("email").asString()).isEqualTo("user@example.com");
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void dynamicShippingAsksTheMerchantAndPicksTheDefaultMethod() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.expressReservesShippingCost(true));
		String orderId = initiateExpress(sim, false);
		this.merchant.shippingAnswer(SHIPPING.formatted(orderId));
		SimulatedPayment payment = sim.approveExpress(MSN, orderId);
		assertThat(payment.shipping().shippingMethodId()).isEqualTo("run");
		assertThat(payment.reservedAmount()).isEqualTo(20000 + 9950);
		Received shippingCall = this.merchant.shippingCalls().get(0);
		assertThat(shippingCall.path()).isEqualTo("/merchant/v2/payments/" + orderId + "/shippingDetails");
		assertThat(shippingCall.authorization()).isEqualTo("secret-" + orderId);
		JsonNode request = VippsPayloads.parse(shippingCall.body());
		assertThat(request.get("addressId").asLong()).isEqualTo(3960);
		assertThat(request.get("postCode").asString()).isEqualTo("0191");
		assertThat(VippsPayloads.parse(callback(orderId).body()).get("transactionInfo").get("amount").asLong())
			.isEqualTo(29950);
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void slowShippingDetailsFailTheFlowAndThePaymentStaysInitiated() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.shippingDetailsTimeout(Duration.ofMillis(400)));
		String orderId = initiateExpress(sim, false);
		this.merchant.shippingAnswer(SHIPPING.formatted(orderId));
		this.merchant.answerAfter(Duration.ofMillis(1500));
		assertThatIllegalStateException().isThrownBy(() -> sim.approveExpress(MSN, orderId))
			.withMessageContaining("No shipping methods found");
		SimulatedPayment payment = sim.payment(MSN, orderId).orElseThrow();
		assertThat(payment.status()).isEqualTo(Status.INITIATED);
		assertThat(payment.shippingDetailsError()).contains("timeout");
	}

	@Test
	void malformedShippingDetailsGivePaymentFailed() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = initiateExpress(sim, false);
		this.merchant.shippingAnswer(SHIPPING.formatted(orderId).replace("\"Y\"", "true"));
		assertThatIllegalStateException().isThrownBy(() -> sim.approveExpress(MSN, orderId))
			.withMessageContaining("Payment failed");
	}

	@Test
	void merchantEndpointFaultsMakeShippingDetailsSlowOrFailing() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.shippingDetailsTimeout(Duration.ofMillis(500)));
		String orderId = initiateExpress(sim, false);
		this.merchant.shippingAnswer(SHIPPING.formatted(orderId));
		sim.faults().merchantEndpoints().failWith(500);
		assertThatIllegalStateException().isThrownBy(() -> sim.approveExpress(MSN, orderId))
			.withMessageContaining("HTTP 500");
		sim.faults().merchantEndpoints().failWith(0).latency(Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(() -> sim.approveExpress(MSN, orderId))
			.withMessageContaining("timeout");
		sim.faults().reset();
		assertThat(sim.approveExpress(MSN, orderId).status()).isEqualTo(Status.RESERVED);
	}

	@Test
	void theControlApiAnswersWhileExpressApprovalsWaitForTheMerchant() throws Exception {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		CountDownLatch hold = new CountDownLatch(1);
		this.merchant.holdShippingAnswers(hold);
		// More approvals at once than the simulator has event loops (at least 4, one per
		// core beyond that), each on a connection of its own: were an approval waiting
		// for the merchant on an event loop, every loop would be taken and nothing else
		// answered.
		int approvals = Math.max(4, Runtime.getRuntime().availableProcessors()) * 2 + 1;
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		this.merchant.shippingAnswer(SHIPPING.formatted(MerchantReceiver.ORDER_ID));
		for (int i = 0; i < approvals; i++) {
			String orderId = initiateExpress(sim, false);
			answers.add(http.sendAsync(HttpRequest
				.newBuilder(URI.create(sim.baseUrl() + "/_sim/payments/" + MSN + "/" + orderId + "/approve-express"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.merchant.shippingCalls().size(), (count) -> count == approvals);
			HttpResponse<String> payments = http
				.sendAsync(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/payments")).build(),
						HttpResponse.BodyHandlers.ofString())
				.get(5, TimeUnit.SECONDS);
			assertThat(payments.statusCode()).isEqualTo(200);
		}
		finally {
			hold.countDown();
		}
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			assertThat(answer.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(sim.payments()).allSatisfy((payment) -> assertThat(payment.status()).isEqualTo(Status.RESERVED));
	}

	@Test
	void forceApproveRefusesExpressCheckout() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		VippsTestClient client = this.fixture.client(sim);
		String url = client.initiate(VippsTestClient.express(MSN, orderId, 20000, this.merchant.baseUrl(), true))
			.json()
			.get("url")
			.asString();
		assertThat(client.forceApprove(orderId, url.split("=", 3)[2]).errorCode()).isEqualTo("paymentType");
	}

	@Test
	void consentRemovalSendsAnUrlEncodedUserId() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		initiateExpress(sim, true);
		assertThat(sim.removeConsent(MSN, "ab/cd=ef+gh")).isEqualTo(200);
		Received removal = this.merchant.received()
			.stream()
			.filter((r) -> r.method().equals("DELETE"))
			.findFirst()
			.orElseThrow();
		assertThat(removal.path()).isEqualTo("/merchant/consents/v2/consents/ab%2Fcd%3Def%2Bgh");
		assertThat(SimulatorFixture.contract().violations(sim.exchanges())).isEmpty();
	}

	@Test
	void consentRemovalCanBeTriggeredThroughTheControlApi() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		initiateExpress(sim, true);
		this.fixture.client(sim)
			.http()
			.post()
			.uri("/_sim/consents/remove")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue("{\"msn\":\"" + MSN + "\",\"userId\":\"x/y==\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.merchantStatus")
			.isEqualTo(200);
		assertThat(this.merchant.received())
			.anySatisfy((r) -> assertThat(r.path()).endsWith("/v2/consents/x%2Fy%3D%3D"));
	}

	@Test
	void consentRemovalNeedsAPaymentThatGaveAPrefix() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		assertThatIllegalStateException().isThrownBy(() -> sim.removeConsent(MSN, "abc"))
			.withMessageContaining("consentRemovalPrefix");
	}

}
