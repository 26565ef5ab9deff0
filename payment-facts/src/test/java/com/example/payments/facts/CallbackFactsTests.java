package com.example.payments.facts;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CallbackFacts}, with the guide's callback bodies.
 */
class CallbackFactsTests {

	private static final PaymentKey PAYMENT = FactFixtures.PAYMENT;

	@Test
	void aReservedCallbackIsTheReservationAtVippsTime() {
		List<PaymentFact> facts = facts(regular("RESERVED", ",\"transactionId\":\"5001420062\""));
		assertThat(facts).singleElement().satisfies((fact) -> {
			assertThat(fact.eventId()).isEqualTo(PaymentEventIds.reserved(PAYMENT));
			assertThat(fact.occurredAt()).isEqualTo(FactFixtures.VIPPS_TIME);
			assertThat(fact.occurredAtOrigin()).isEqualTo(OccurredAtOrigin.VIPPS);
			assertThat(fact.event())
				.isEqualTo(PaymentReserved.newBuilder().setAmount(20000).setTransactionId("5001420062").build());
		});
	}

	@Test
	void givesTheSameIdsWhateverVippsOmits() {
		for (String status : List.of("RESERVED", "SALE", "CANCELLED", "REJECTED", "RESERVE_FAILED", "SALE_FAILED")) {
			assertThat(facts(regular(status, ",\"transactionId\":\"5001420062\""))).extracting(PaymentFact::eventId)
				.as(status)
				.isEqualTo(facts(regular(status, "")).stream().map(PaymentFact::eventId).toList());
		}
	}

	@Test
	void anExpressCallbackAlsoGivesShippingInOreAndTheProfile() {
		List<PaymentFact> facts = facts("""
				{"merchantSerialNumber": 123456, "orderId": "acme-shop-123-order123abc",
				 "shippingDetails": {
				   "address": {"addressLine1": "Dronning Eufemias gate 42", "addressLine2": "Att: Rune Garborg",
				               "city": "OSLO", "country": "NO", "zipCode": "0191"},
				   "shippingCost": 99.5, "shippingMethod": "By cannon", "shippingMethodId": "cannon"},
				 "transactionInfo": {"amount": 20000, "status": "RESERVE", "timeStamp": "2026-11-25T10:00:05.123Z"},
				 "userDetails": {"firstName": "Ada", "lastName": "Lovelace", "email": "user@example.com",
				   "mobileNumber": "12345678", "userId": "1234567"}}""");
		assertThat(facts).extracting(PaymentFact::eventId)
			.containsExactly(PaymentEventIds.reserved(PAYMENT), PaymentEventIds.shippingSelected(PAYMENT),
					PaymentEventIds.userDetailsShared(PAYMENT));
		ShippingSelected shipping = (ShippingSelected) facts.get(1).event();
		assertThat(shipping.getShippingCost()).isEqualTo(9950);
		assertThat(shipping.getDeliveryAddress().getPostCode()).isEqualTo("0191");
		assertThat(shipping.getDeliveryAddress().getCountry()).isEqualTo("NO");
		assertThat(((UserDetailsShared) facts.get(2).event()).getUserId()).isEqualTo("1234567");
		assertThat(facts.get(2).toString()).doesNotContain("Lovelace", "user@example.com");
	}

	@Test
	void aSaleCallbackIsTheDirectCapture() {
		assertThat(facts(regular("SALE", ""))).singleElement().satisfies((fact) -> {
			assertThat(fact.eventId()).isEqualTo(PaymentEventIds.directCapture(PAYMENT));
			assertThat(((PaymentCaptured) fact.event()).getDirectCapture()).isTrue();
		});
	}

	@Test
	void aUsersCancelAndATimeoutAreTheSameEndingWithTheirOwnReasons() {
		PaymentFact cancelled = facts(regular("CANCELLED", "")).get(0);
		PaymentFact timedOut = facts(regular("REJECTED", "")).get(0);
		assertThat(cancelled.eventId()).isEqualTo(timedOut.eventId())
			.isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.CANCEL));
		assertThat(((PaymentRejected) cancelled.event()).getReason()).isEqualTo(RejectionReason.CANCELLED);
		assertThat(((PaymentRejected) timedOut.event()).getReason()).isEqualTo(RejectionReason.REJECTED);
	}

	@Test
	void aFailedReservationIsAnotherEndingAndKeepsVippsError() {
		PaymentFact failed = facts(regular("RESERVE_FAILED",
				",\"transactionId\":\"5001\"},\"errorInfo\":{\"errorGroup\":\"Payment\",\"errorCode\":\"42\",\"errorMessage\":\"Refused by issuer\""))
			.get(0);
		assertThat(failed.eventId()).isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.FAILED))
			.isNotEqualTo(PaymentEventIds.ending(PAYMENT, Ending.CANCEL));
		PaymentRejected rejected = (PaymentRejected) failed.event();
		assertThat(rejected.getReason()).isEqualTo(RejectionReason.RESERVE_FAILED);
		assertThat(rejected.getVippsError().getErrorCode()).isEqualTo("42");
	}

	@Test
	void aStatusTheGuideDoesNotListGivesNoFact() {
		assertThat(facts(regular("TELEPORTED", ""))).isEmpty();
	}

	@Test
	void rejectsAShippingCostThatIsNoWholeNumberOfOre() {
		assertThatIllegalArgumentException().isThrownBy(() -> facts("""
				{"merchantSerialNumber": 123456, "orderId": "acme-shop-123-order123abc",
				 "shippingDetails": {"address": {"addressLine1": "Gate 1", "city": "Oslo", "country": "NO",
				   "zipCode": "0191"}, "shippingCost": 99.505, "shippingMethod": "Odd", "shippingMethodId": "odd"},
				 "transactionInfo": {"amount": 20000, "status": "RESERVE", "timeStamp": "2026-11-25T10:00:05Z"},
				 "userDetails": {"firstName": "Ada", "lastName": "L", "email": "a@example.com",
				   "mobileNumber": "12345678", "userId": "1"}}"""))
			.withMessageContaining("99.505 NOK is not a whole number of øre");
	}

	@Test
	void rejectsACallbackForAnInvalidPayment() {
		assertThatIllegalArgumentException().isThrownBy(() -> facts(regular("RESERVED", "").replace("123456", "12")))
			.withMessageContaining("merchantSerialNumber");
	}

	private static String regular(String status, String extraInfo) {
		return "{\"merchantSerialNumber\":123456,\"orderId\":\"acme-shop-123-order123abc\","
				+ "\"transactionInfo\":{\"amount\":20000,\"status\":\"" + status
				+ "\",\"timeStamp\":\"2026-11-25T10:00:05.123Z\"" + extraInfo + "}}";
	}

	private static List<PaymentFact> facts(String body) {
		return CallbackFacts.of(TransactionUpdateCallback.parse(body.getBytes(StandardCharsets.UTF_8)),
				FactFixtures.LEARNED_AT);
	}

}
