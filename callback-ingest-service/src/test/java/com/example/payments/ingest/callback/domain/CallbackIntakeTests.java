package com.example.payments.ingest.callback.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.example.payments.facts.PaymentFact;
import com.example.payments.ingest.MalformedCallbacks;
import com.example.payments.ingest.domain.Refusal.Reason;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallbackIntake}.
 */
class CallbackIntakeTests {

	private static final String SECRET = "unit-test-callback-secret-0123456789abcdef";

	private static final String PREVIOUS = "unit-test-previous-secret-0123456789abcdef";

	private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:01Z");

	private final CallbackIntake intake = new CallbackIntake(new CallbackAuthTokens(SECRET, PREVIOUS));

	@Test
	void acceptsAnAuthenticExpressCallbackWithTheIdsEverySourceComputes() {
		CallbackDecision decision = decide("order-1", token("order-1"), MalformedCallbacks.valid("order-1"));
		assertThat(decision).isInstanceOfSatisfying(CallbackDecision.Accepted.class, (accepted) -> {
			PaymentKey payment = PaymentKey.of("123456", "order-1");
			assertThat(accepted.facts()).extracting(PaymentFact::eventId)
				.containsExactlyInAnyOrder(PaymentEventIds.reserved(payment), PaymentEventIds.shippingSelected(payment),
						PaymentEventIds.userDetailsShared(payment));
			assertThat(accepted.verdict()).isEqualTo(CallbackAuthTokens.Verdict.VALID);
			assertThat(accepted.statusTag()).isEqualTo("RESERVED");
		});
	}

	@Test
	void acceptsATokenOfThePreviousSecret() {
		String previous = new CallbackAuthTokens(PREVIOUS, null).tokenFor("123456", "order-2");
		assertThat(decide("order-2", previous, MalformedCallbacks.valid("order-2")))
			.isInstanceOfSatisfying(CallbackDecision.Accepted.class, (accepted) -> assertThat(accepted.verdict())
				.isEqualTo(CallbackAuthTokens.Verdict.VALID_PREVIOUS_SECRET));
	}

	@Test
	void takesTheMsnAsAJsonStringAsWellAsANumber() {
		String asString = MalformedCallbacks.valid("order-11")
			.replace("\"merchantSerialNumber\":123456", "\"merchantSerialNumber\":\"123456\"");
		CallbackDecision number = decide("order-11", token("order-11"), MalformedCallbacks.valid("order-11"));
		CallbackDecision string = decide("order-11", token("order-11"), asString);
		assertThat(string).isInstanceOf(CallbackDecision.Accepted.class);
		assertThat(((CallbackDecision.Accepted) string).facts())
			.isEqualTo(((CallbackDecision.Accepted) number).facts());
	}

	@Test
	void givesTheSameFactsToADuplicate() {
		CallbackDecision first = decide("order-3", token("order-3"), MalformedCallbacks.valid("order-3"));
		CallbackDecision again = decide("order-3", token("order-3"), MalformedCallbacks.valid("order-3"));
		assertThat(((CallbackDecision.Accepted) again).facts()).isEqualTo(((CallbackDecision.Accepted) first).facts());
	}

	@Test
	void refusesAMissingTokenBeforeReadingTheBody() {
		assertRefused(decide("order-4", null, "not even json"), Reason.MISSING_TOKEN);
		assertRefused(decide("order-4", " ", MalformedCallbacks.valid("order-4")), Reason.MISSING_TOKEN);
	}

	@Test
	void refusesTheTokenOfAnotherPaymentOrSecret() {
		assertRefused(decide("order-5", token("order-6"), MalformedCallbacks.valid("order-5")), Reason.WRONG_TOKEN);
		String foreign = new CallbackAuthTokens("someone-elses-secret-0123456789abcdefgh", null).tokenFor("123456",
				"order-5");
		assertRefused(decide("order-5", foreign, MalformedCallbacks.valid("order-5")), Reason.WRONG_TOKEN);
		assertRefused(decide("order-5", "Bearer %%%", MalformedCallbacks.valid("order-5")), Reason.WRONG_TOKEN);
	}

	@Test
	void refusesAnOrderIdOtherThanThePaths() {
		CallbackDecision decision = decide("order-7", token("order-7"), MalformedCallbacks.valid("order-8"));
		assertRefused(decision, Reason.ORDER_ID_MISMATCH);
	}

	@Test
	void refusesAStatusVippsDoesNotSendNamingIt() {
		String body = MalformedCallbacks.valid("order-9").replace("RESERVE", "TELEPORTED");
		CallbackDecision decision = decide("order-9", token("order-9"), body);
		assertRefused(decision, Reason.UNKNOWN_STATUS);
		assertThat(((CallbackDecision.Refused) decision).refusal().message()).contains("'TELEPORTED'");
	}

	@Test
	void tellsMalformedFromInvalidBodies() {
		assertRefused(decide("order-10", token("order-10"), "{\"merchantSerialNumber\":"), Reason.MALFORMED_BODY);
		assertRefused(decide("order-10", token("order-10"), ""), Reason.MALFORMED_BODY);
		assertRefused(
				decide("order-10", token("order-10"),
						MalformedCallbacks.valid("order-10").replace("\"amount\":20000", "\"amount\":\"20000\"")),
				Reason.INVALID_BODY);
		assertRefused(
				decide("order-10", token("order-10"),
						MalformedCallbacks.valid("order-10").replace("\"amount\":20000", "\"amount\":-1")),
				Reason.INVALID_BODY);
		assertRefused(
				decide("order-10", token("order-10"), MalformedCallbacks.valid("order-10").replace("49.5", "49.505")),
				Reason.INVALID_BODY);
	}

	@Test
	void refusesEveryGeneratedMalformedBody() {
		MalformedCallbacks bodies = new MalformedCallbacks(20261201L);
		Map<Reason, Integer> reasons = new HashMap<>();
		for (int i = 0; i < 5_000; i++) {
			String orderId = "fuzz-" + i;
			byte[] body = bodies.next(orderId);
			CallbackDecision decision = this.intake.decide(orderId, token(orderId), body, RECEIVED);
			assertThat(decision).as("body %d: %s", i, new String(body, StandardCharsets.UTF_8))
				.isInstanceOf(CallbackDecision.Refused.class);
			reasons.merge(((CallbackDecision.Refused) decision).refusal().reason(), 1, Integer::sum);
		}
		assertThat(reasons).containsKeys(Reason.MALFORMED_BODY, Reason.INVALID_BODY, Reason.UNKNOWN_STATUS,
				Reason.ORDER_ID_MISMATCH);
	}

	private CallbackDecision decide(String orderId, String authorization, String body) {
		return this.intake.decide(orderId, authorization, body.getBytes(StandardCharsets.UTF_8), RECEIVED);
	}

	private static String token(String orderId) {
		return new CallbackAuthTokens(SECRET, null).tokenFor("123456", orderId);
	}

	private static void assertRefused(CallbackDecision decision, Reason reason) {
		assertThat(decision).isInstanceOfSatisfying(CallbackDecision.Refused.class,
				(refused) -> assertThat(refused.refusal().reason()).isEqualTo(reason));
	}

}
