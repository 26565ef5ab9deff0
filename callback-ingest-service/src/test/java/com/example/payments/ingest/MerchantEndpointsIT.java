package com.example.payments.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.client.model.ShippingDetails;
import com.example.payments.vipps.simulator.ExpressChoice;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment.CallbackDelivery;
import com.example.payments.vipps.simulator.SimulatedUser;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as Vipps meets it: the simulator initiates payments with the service's
 * prefixes and tokens, then sends its real callbacks, shipping-details and
 * consent-removal calls to it. Every fact becomes one event (per id) on the real broker,
 * every refused call none, and after each test every exchange, with the service's
 * answers, is checked against Vipps' spec ({@code ms_import.yaml} for the calls to us).
 */
@ExtendWith(KafkaTestEnvironment.class)
@RequiresVippsOpenApiSpec
class MerchantEndpointsIT {

	private static final String MSN = IngestService.MSN;

	private static final SimulatedAddress BERGEN = new SimulatedAddress(4001, "Bryggen 1", null, "BERGEN", "5003", "H");

	private static IngestService ingest;

	private static SimulatedVipps vipps;

	private static VippsOpenApiContract contract;

	private TopicReader<PaymentEvent> events;

	@BeforeAll
	static void start(KafkaTestEnvironment.Environment kafka) {
		contract = VippsOpenApiContract.load();
		ingest = IngestService.start(kafka, "ingest-endpoints", "ingest.shipping.merchant-serial-numbers=" + MSN,
				"ingest.shipping.default-options[0].method-id=standard",
				"ingest.shipping.default-options[0].method=Standard delivery",
				"ingest.shipping.default-options[0].cost=7900", "ingest.shipping.default-options[0].is-default=true");
		vipps = SimulatedVipps.start();
	}

	@AfterAll
	static void stop() {
		if (vipps != null) {
			vipps.close();
		}
		if (ingest != null) {
			ingest.close();
		}
	}

	@BeforeEach
	void readEvents() {
		vipps.simulator().reset();
		this.events = ingest.events();
	}

	@AfterEach
	void answersFollowTheSpec() {
		this.events.close();
		vipps.simulator().faults().reset();
		assertThat(contract.violations(vipps.simulator().exchanges())).isEmpty();
	}

	@Test
	void publishesAReservationBeforeAnsweringTheCallback() {
		String orderId = SimulatedVipps.newOrderId("reserve");
		vipps.initiateRegular(MSN, orderId, ingest.callbackPrefix(), token(MSN, orderId), null);
		vipps.simulator().approve(MSN, orderId);
		assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		// Answered 200 only after Kafka acknowledged: the event is there now.
		List<PaymentEvent> published = this.events.catchUp().valuesOf(MSN + ":" + orderId);
		assertThat(published).singleElement().satisfies((event) -> {
			assertThat(event.getEventId()).isEqualTo(PaymentEventIds.reserved(PaymentKey.of(MSN, orderId)));
			assertThat(event.getSource()).isEqualTo(EventSource.CALLBACK);
			assertThat(event.getEvent()).isInstanceOfSatisfying(PaymentReserved.class,
					(reserved) -> assertThat(reserved.getAmount()).isEqualTo(20000));
		});
		assertThat(Prometheus.value(ingest.managementPort(), "ingest_callbacks_total", "status=\"RESERVED\"",
				"outcome=\"published\""))
			.isPositive();
		// Timed from Vipps' timeStamp of the reservation to our answer.
		assertThat(
				Prometheus.value(ingest.managementPort(), "ingest_callback_delay_seconds_count", "status=\"RESERVED\""))
			.isPositive();
	}

	@Test
	void publishesADirectCaptureForASaleCallback() {
		String msn = IngestService.DIRECT_CAPTURE_MSN;
		String orderId = SimulatedVipps.newOrderId("sale");
		vipps.initiateRegular(msn, orderId, ingest.callbackPrefix(), token(msn, orderId), null);
		vipps.simulator().approve(msn, orderId);
		assertThat(vipps.awaitCallbacks(msn, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		assertThat(this.events.catchUp().valuesOf(msn + ":" + orderId)).singleElement().satisfies((event) -> {
			assertThat(event.getEventId()).isEqualTo(PaymentEventIds.directCapture(PaymentKey.of(msn, orderId)));
			assertThat(event.getEvent()).isInstanceOfSatisfying(PaymentCaptured.class,
					(captured) -> assertThat(captured.getDirectCapture()).isTrue());
		});
	}

	@Test
	void publishesTheUsersCancelTheTimeoutAndAFailedReservationAsRejections() {
		String cancelled = SimulatedVipps.newOrderId("cancel");
		String timedOut = SimulatedVipps.newOrderId("timeout");
		String failed = SimulatedVipps.newOrderId("failed");
		for (String orderId : List.of(cancelled, timedOut, failed)) {
			vipps.initiateRegular(MSN, orderId, ingest.callbackPrefix(), token(MSN, orderId), null);
		}
		vipps.simulator().reject(MSN, cancelled);
		vipps.simulator().timeOut(MSN, timedOut);
		vipps.simulator().failReservation(MSN, failed, "44");
		for (String orderId : List.of(cancelled, timedOut, failed)) {
			assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus)
				.containsExactly(200);
		}
		this.events.catchUp();
		assertThat(rejection(cancelled).getReason()).isEqualTo(RejectionReason.CANCELLED);
		assertThat(rejection(timedOut).getReason()).isEqualTo(RejectionReason.REJECTED);
		assertThat(rejection(failed).getReason()).isEqualTo(RejectionReason.RESERVE_FAILED);
		assertThat(rejection(failed).getVippsError().getErrorCode()).isEqualTo("44");
		assertThat(this.events.valuesOf(MSN + ":" + failed)).extracting(PaymentEvent::getEventId)
			.containsExactly(PaymentEventIds.ending(PaymentKey.of(MSN, failed), PaymentEventIds.Ending.FAILED));
		assertThat(this.events.valuesOf(MSN + ":" + cancelled)).extracting(PaymentEvent::getEventId)
			.containsExactly(PaymentEventIds.ending(PaymentKey.of(MSN, cancelled), PaymentEventIds.Ending.CANCEL));
	}

	@Test
	void publishesTheProfileSharedWithAScopePaymentAsPersonalData() {
		String orderId = SimulatedVipps.newOrderId("scope");
		vipps.initiateRegular(MSN, orderId, ingest.callbackPrefix(), token(MSN, orderId), "name email");
		vipps.simulator().approve(MSN, orderId);
		assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		List<PaymentEvent> published = this.events.catchUp().valuesOf(MSN + ":" + orderId);
		assertThat(published).extracting((event) -> event.getEvent().getClass().getSimpleName())
			.containsExactlyInAnyOrder("PaymentReserved", "UserDetailsShared");
		UserDetailsShared user = (UserDetailsShared) published.stream()
			.filter((event) -> event.getEvent() instanceof UserDetailsShared)
			.findFirst()
			.orElseThrow()
			.getEvent();
		assertThat(user.getUserId()).isEqualTo(SimulatedUser.ada().userId());
	}

	@Test
	void answersShippingDetailsFromThePaymentsRulesAndPublishesTheChoice() {
		String oslo = SimulatedVipps.newOrderId("express-oslo");
		String bergen = SimulatedVipps.newOrderId("express-bergen");
		for (String orderId : List.of(oslo, bergen)) {
			ingest.publishShippingRules(MSN, orderId, SampleShippingRules.oslo(4900));
			vipps.initiateExpress(MSN, orderId, ingest, token(MSN, orderId), null);
			awaitRulesKnown(orderId);
		}
		vipps.simulator()
			.approveExpress(MSN, oslo, ExpressChoice.address(SimulatedAddress.work()),
					ExpressChoice.shippingMethod("home"));
		vipps.simulator().approveExpress(MSN, bergen, ExpressChoice.address(BERGEN));
		assertThat(vipps.awaitCallbacks(MSN, oslo, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		assertThat(vipps.awaitCallbacks(MSN, bergen, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		// What Vipps got for each address: the Oslo rule's options, the fallback for
		// Bergen.
		assertThat(vipps.exchanges(RecordedExchange.Kind.SHIPPING_DETAILS, oslo)).singleElement().satisfies((call) -> {
			assertThat(call.status()).isEqualTo(200);
			assertThat(call.responseBody()).contains("\"shippingMethodId\":\"posten\"", "\"shippingCost\":49.00",
					"\"shippingMethodId\":\"home\"", "\"shippingCost\":129.50", "\"addressId\":3961");
		});
		assertThat(vipps.exchanges(RecordedExchange.Kind.SHIPPING_DETAILS, bergen)).singleElement()
			.satisfies((call) -> assertThat(call.responseBody()).contains("\"shippingMethodId\":\"pickup\"")
				.doesNotContain("posten"));
		this.events.catchUp();
		assertThat(shipping(oslo).getShippingMethodId()).isEqualTo("home");
		assertThat(shipping(oslo).getShippingCost()).as("øre").isEqualTo(12950);
		assertThat(shipping(bergen).getShippingMethodId()).isEqualTo("pickup");
		assertThat(this.events.valuesOf(MSN + ":" + oslo)).extracting(PaymentEvent::getEventId)
			.containsExactlyInAnyOrder(PaymentEventIds.reserved(PaymentKey.of(MSN, oslo)),
					PaymentEventIds.shippingSelected(PaymentKey.of(MSN, oslo)),
					PaymentEventIds.userDetailsShared(PaymentKey.of(MSN, oslo)));
	}

	@Test
	void answersAPaymentWithoutRulesWithTheDefaultOptions() {
		String orderId = SimulatedVipps.newOrderId("express-unknown");
		double fallbacksBefore = Prometheus.value(ingest.managementPort(), "ingest_shipping_details_seconds_count",
				"outcome=\"fallback\"");
		vipps.initiateExpress(MSN, orderId, ingest, token(MSN, orderId), null);
		vipps.simulator().approveExpress(MSN, orderId);
		assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		this.events.catchUp();
		assertThat(shipping(orderId).getShippingMethodId()).isEqualTo("standard");
		assertThat(shipping(orderId).getShippingCost()).isEqualTo(7900);
		assertThat(Prometheus.value(ingest.managementPort(), "ingest_shipping_details_seconds_count",
				"outcome=\"fallback\""))
			.isEqualTo(fallbacksBefore + 1);
	}

	@Test
	void publishesTheChoiceOfAnExpressCheckoutWithStaticShipping() {
		String orderId = SimulatedVipps.newOrderId("express-static");
		vipps.initiateExpress(MSN, orderId, ingest, token(MSN, orderId),
				List.of(ShippingDetails.ofOre(true, 1, 9900, "Posten Servicepakke", "posten"),
						ShippingDetails.ofOre(false, 2, 14950, "Home delivery", "home")));
		vipps.simulator().approveExpress(MSN, orderId, ExpressChoice.shippingMethod("home"));
		assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		assertThat(vipps.exchanges(RecordedExchange.Kind.SHIPPING_DETAILS, orderId)).isEmpty();
		this.events.catchUp();
		assertThat(shipping(orderId).getShippingCost()).isEqualTo(14950);
	}

	@Test
	void publishesConsentRevokedWithTheUserIdDecodedOnce() {
		String orderId = SimulatedVipps.newOrderId("consent");
		vipps.initiateExpress(MSN, orderId, ingest, token(MSN, orderId), null);
		String userId = "uiJ/skNQ6+qNN1iwN891uuob==";
		try (TopicReader<ConsentRevoked> consents = ingest.consents()) {
			assertThat(vipps.simulator().removeConsent(MSN, userId)).isEqualTo(200);
			assertThat(vipps.simulator().removeConsent(MSN, "uiJskNQ6qNN1iwN891uuob%3D")).isEqualTo(200);
			List<ConsentRevoked> revoked = consents.catchUp().all().stream().map((record) -> record.value()).toList();
			assertThat(revoked).extracting(ConsentRevoked::getUserId)
				.contains(userId, "uiJskNQ6qNN1iwN891uuob%3D")
				.doesNotContain("uiJskNQ6qNN1iwN891uuob=");
			assertThat(consents.valuesOf(userId)).hasSize(1);
		}
	}

	@Test
	void refusesCallbacksWithAWrongOrMissingTokenAndPublishesNothing() {
		String wrong = SimulatedVipps.newOrderId("wrong-token");
		String missing = SimulatedVipps.newOrderId("no-token");
		String otherPayments = SimulatedVipps.newOrderId("other");
		CallbackAuthTokens foreign = new CallbackAuthTokens("a-secret-nobody-configured-0123456789abcdef", null);
		vipps.initiateRegular(MSN, wrong, ingest.callbackPrefix(), foreign.tokenFor(MSN, wrong), null);
		vipps.initiateRegular(MSN, missing, ingest.callbackPrefix(), null, null);
		vipps.initiateRegular(MSN, otherPayments, ingest.callbackPrefix(), token(MSN, wrong), null);
		double wrongBefore = refused("wrong_token");
		double missingBefore = refused("missing_token");
		for (String orderId : List.of(wrong, missing, otherPayments)) {
			vipps.simulator().approve(MSN, orderId);
			assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus)
				.containsExactly(401);
		}
		this.events.catchUp();
		for (String orderId : List.of(wrong, missing, otherPayments)) {
			assertThat(this.events.valuesOf(MSN + ":" + orderId)).as(orderId).isEmpty();
		}
		assertThat(refused("wrong_token")).isEqualTo(wrongBefore + 2);
		assertThat(refused("missing_token")).isEqualTo(missingBefore + 1);
	}

	@Test
	void acceptsTokensOfThePreviousSecretDuringARotation() {
		String orderId = SimulatedVipps.newOrderId("rotated");
		double before = Prometheus.value(ingest.managementPort(), "ingest_authenticated_total", "endpoint=\"callback\"",
				"secret=\"previous\"");
		vipps.initiateRegular(MSN, orderId, ingest.callbackPrefix(),
				IngestService.PREVIOUS_TOKENS.tokenFor(MSN, orderId), null);
		vipps.simulator().approve(MSN, orderId);
		assertThat(vipps.awaitCallbacks(MSN, orderId, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		assertThat(this.events.catchUp().valuesOf(MSN + ":" + orderId)).hasSize(1);
		assertThat(Prometheus.value(ingest.managementPort(), "ingest_authenticated_total", "endpoint=\"callback\"",
				"secret=\"previous\""))
			.isEqualTo(before + 1);
	}

	@Test
	void givesDuplicatedCallbacksTheIdsOfTheFirst() {
		vipps.simulator().faults().callbacks().duplicate(true);
		String orderId = SimulatedVipps.newOrderId("duplicate");
		vipps.initiateRegular(MSN, orderId, ingest.callbackPrefix(), token(MSN, orderId), "name email");
		vipps.simulator().approve(MSN, orderId);
		assertThat(vipps.awaitCallbacks(MSN, orderId, 2)).extracting(CallbackDelivery::httpStatus)
			.containsExactly(200, 200);
		List<PaymentEvent> published = this.events.catchUp().valuesOf(MSN + ":" + orderId);
		assertThat(published).hasSize(4);
		assertThat(published.stream().map(PaymentEvent::getEventId).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(PaymentEventIds.reserved(PaymentKey.of(MSN, orderId)),
					PaymentEventIds.userDetailsShared(PaymentKey.of(MSN, orderId)));
	}

	@Test
	void givesReorderedCallbacksTheIdsTheyWouldHaveInOrder() {
		vipps.simulator().faults().callbacks().reorder(true);
		String first = SimulatedVipps.newOrderId("reorder-first");
		String second = SimulatedVipps.newOrderId("reorder-second");
		vipps.initiateRegular(MSN, first, ingest.callbackPrefix(), token(MSN, first), null);
		vipps.initiateRegular(MSN, second, ingest.callbackPrefix(), token(MSN, second), null);
		vipps.simulator().approve(MSN, first);
		vipps.simulator().reject(MSN, second);
		assertThat(vipps.awaitCallbacks(MSN, first, 1)).singleElement().satisfies((delivery) -> {
			assertThat(delivery.httpStatus()).isEqualTo(200);
			assertThat(delivery.injectedFault()).isEqualTo("REORDERED");
		});
		assertThat(vipps.awaitCallbacks(MSN, second, 1)).extracting(CallbackDelivery::httpStatus).containsExactly(200);
		this.events.catchUp();
		Set<String> ids = this.events.values((record) -> record.key().endsWith(first) || record.key().endsWith(second))
			.stream()
			.map(PaymentEvent::getEventId)
			.collect(Collectors.toSet());
		assertThat(ids).containsExactlyInAnyOrder(PaymentEventIds.reserved(PaymentKey.of(MSN, first)),
				PaymentEventIds.ending(PaymentKey.of(MSN, second), PaymentEventIds.Ending.CANCEL));
	}

	private static String token(String msn, String orderId) {
		return IngestService.TOKENS.tokenFor(msn, orderId);
	}

	private static double refused(String reason) {
		return Prometheus.value(ingest.managementPort(), "ingest_refused_total", "endpoint=\"callback\"",
				"reason=\"" + reason + "\"");
	}

	private PaymentRejected rejection(String orderId) {
		return (PaymentRejected) this.events.valuesOf(MSN + ":" + orderId).get(0).getEvent();
	}

	private ShippingSelected shipping(String orderId) {
		return this.events.valuesOf(MSN + ":" + orderId)
			.stream()
			.map(PaymentEvent::getEvent)
			.filter(ShippingSelected.class::isInstance)
			.map(ShippingSelected.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ShippingSelected for " + orderId));
	}

	/**
	 * The service answers from memory, filled by its consumer of the rules topic: wait
	 * until it has this payment's rules (the command service publishes them before it
	 * initiates; the user takes seconds to pick an address).
	 */
	private static void awaitRulesKnown(String orderId) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(ingest.shippingDetailsPrefix() + "/v2/payments/" + orderId + "/shippingDetails"))
			.header("Authorization", token(MSN, orderId))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"addressId\":100,\"postCode\":\"0154\",\"country\":\"NO\"}"))
			.build();
		await("rules of " + orderId).atMost(Duration.ofSeconds(30))
			.until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body(),
					(body) -> body.contains("posten"));
	}

}
