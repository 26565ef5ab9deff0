package com.example.payments.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.event.ReservationDeadline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PaymentEventIds}.
 */
class PaymentEventIdsTests {

	private static final String MSN = "123456";

	private static final String ORDER = "acme-shop-123-order123abc";

	private static final PaymentKey PAYMENT = PaymentKey.of(MSN, ORDER);

	@Test
	void encodingIsStableAcrossReleases() {
		// Pinned: computed independently (Python: SHA-1 over namespace + length-prefixed
		// parts). If this changes, consumers stop de-duplicating across a deployment.
		assertThat(PaymentEventIds.eventId(PAYMENT, "PaymentCaptured", "5001420058", 10000L))
			.isEqualTo("1d4f3cda-4139-5d3f-82d1-4dce11ccc651");
	}

	@Test
	void everyRuleIsStableAcrossReleases() {
		// Pinned deliberately when the rules stopped using Vipps' optional transactionId
		// and amounts (ADR 0008); computed independently with the same Python recipe.
		assertThat(PaymentEventIds.initiated(PAYMENT)).isEqualTo("69a279b6-50a6-5b9f-be7d-9084280e6e82");
		assertThat(PaymentEventIds.reserved(PAYMENT)).isEqualTo("0afff675-f9ea-59f7-94ca-04e4d4ccd7bb");
		assertThat(PaymentEventIds.directCapture(PAYMENT)).isEqualTo("0e4dd260-414b-5d3b-8b61-77ed4d1c2236");
		assertThat(PaymentEventIds.capture(PAYMENT, "7f3c9a2e-capture-1"))
			.isEqualTo("6d32f867-c004-527f-9762-5a6acc75c202");
		assertThat(PaymentEventIds.refund(PAYMENT, "7f3c9a2e-capture-1"))
			.isEqualTo("c34ac92d-2c94-5f9b-8047-550329bd25de");
		assertThat(PaymentEventIds.captureInHistory(PAYMENT, 2)).isEqualTo("1b33d8ef-6524-5466-b135-d97f7b4978de");
		assertThat(PaymentEventIds.refundInHistory(PAYMENT, 1)).isEqualTo("6052cd7b-fe45-5c19-a711-712f24374427");
		assertThat(PaymentEventIds.ending(PAYMENT, Ending.CANCEL)).isEqualTo("a9c9ea8f-c472-583b-97ec-ecc2b02383ea");
		assertThat(PaymentEventIds.ending(PAYMENT, Ending.FAILED)).isEqualTo("5d94b14f-791c-5588-8231-f42eb0240d7e");
		assertThat(PaymentEventIds.ending(PAYMENT, Ending.VOID)).isEqualTo("21ef25b2-1ee1-5f14-95b8-9aa65f388384");
		assertThat(PaymentEventIds.shippingSelected(PAYMENT)).isEqualTo("366b0ab5-1112-595b-95ef-1984a8b8fe76");
		assertThat(PaymentEventIds.userDetailsShared(PAYMENT)).isEqualTo("d2560f0a-2f44-598b-a67d-b16f11d115c1");
		assertThat(PaymentEventIds.commandFailed(PAYMENT, "cmd-1")).isEqualTo("170daf65-6b5c-5f51-b2df-bcd26113f417");
		assertThat(PaymentEventIds.outcomeUnknown(PAYMENT, "cmd-1")).isEqualTo("bdb9fe0a-3ad7-5300-babf-69bbe8c705d6");
		assertThat(PaymentEventIds.outcomeUnknown(PAYMENT, null)).isEqualTo("c8f123ab-a349-583d-9c35-ae4e37861075");
		assertThat(PaymentEventIds.reservationAgeing(PAYMENT, ReservationDeadline.CAPTURE, 170, 5000))
			.isEqualTo("a0a1db89-0227-56ca-9d9b-495b22cbe8ac");
	}

	@Test
	void oncePerPaymentFactsDependOnNothingButThePayment() {
		// Whichever source reports it, with or without Vipps' optional fields.
		assertThat(PaymentEventIds.reserved(PaymentKey.parse(MSN + ":" + ORDER)))
			.isEqualTo(PaymentEventIds.reserved(PAYMENT));
		assertThat(PaymentEventIds.reserved(PaymentKey.of("654321", ORDER)))
			.isNotEqualTo(PaymentEventIds.reserved(PAYMENT));
		assertThat(PaymentEventIds.reserved(PaymentKey.of(MSN, ORDER + "-2")))
			.isNotEqualTo(PaymentEventIds.reserved(PAYMENT));
	}

	@Test
	void twoCapturesOfEqualAmountWithTwoRequestIdsGetTwoIds() {
		assertThat(PaymentEventIds.capture(PAYMENT, "capture-1"))
			.isNotEqualTo(PaymentEventIds.capture(PAYMENT, "capture-2"));
		assertThat(PaymentEventIds.captureInHistory(PAYMENT, 1))
			.isNotEqualTo(PaymentEventIds.captureInHistory(PAYMENT, 2));
	}

	@Test
	void aRequestIdUsedForACaptureAndARefundGivesTwoIds() {
		// Vipps keys idempotency per endpoint, so one X-Request-Id may serve both.
		assertThat(PaymentEventIds.capture(PAYMENT, "r-1")).isNotEqualTo(PaymentEventIds.refund(PAYMENT, "r-1"));
	}

	@Test
	void everyKindOfFactHasItsOwnIdSpace() {
		// A request id that looks like a position, an ending or a command id cannot
		// collide with those rules.
		List<String> ids = List.of(PaymentEventIds.initiated(PAYMENT), PaymentEventIds.reserved(PAYMENT),
				PaymentEventIds.directCapture(PAYMENT), PaymentEventIds.capture(PAYMENT, "1"),
				PaymentEventIds.refund(PAYMENT, "1"), PaymentEventIds.captureInHistory(PAYMENT, 1),
				PaymentEventIds.refundInHistory(PAYMENT, 1), PaymentEventIds.capture(PAYMENT, "CANCEL"),
				PaymentEventIds.ending(PAYMENT, Ending.CANCEL), PaymentEventIds.ending(PAYMENT, Ending.FAILED),
				PaymentEventIds.ending(PAYMENT, Ending.VOID), PaymentEventIds.shippingSelected(PAYMENT),
				PaymentEventIds.userDetailsShared(PAYMENT), PaymentEventIds.commandFailed(PAYMENT, "1"),
				PaymentEventIds.outcomeUnknown(PAYMENT, "1"), PaymentEventIds.outcomeUnknown(PAYMENT, null));
		Set<String> distinct = new HashSet<>(ids);
		assertThat(distinct).hasSameSizeAs(ids);
	}

	@Test
	void isVersionFiveIetfVariantUuid() {
		UUID id = UUID.fromString(PaymentEventIds.capture(PAYMENT, "r-1"));
		assertThat(id.version()).isEqualTo(5);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void separatorsInPartsCannotMakeTwoTuplesCollide() {
		assertThat(PaymentEventIds.eventId(PAYMENT, "a:b", "c", null))
			.isNotEqualTo(PaymentEventIds.eventId(PAYMENT, "a", "b:c", null));
		assertThat(PaymentEventIds.eventId(PAYMENT, "op", "12", 3L))
			.isNotEqualTo(PaymentEventIds.eventId(PAYMENT, "op", "1", 23L));
		assertThat(PaymentEventIds.eventId(PaymentKey.of(MSN, "a-b"), "c", null, null))
			.isNotEqualTo(PaymentEventIds.eventId(PaymentKey.of(MSN, "a"), "b-c", null, null));
	}

	@Test
	void absentReferenceDiffersFromEmptyReference() {
		assertThat(PaymentEventIds.eventId(PAYMENT, "PaymentRejected", null, null))
			.isNotEqualTo(PaymentEventIds.eventId(PAYMENT, "PaymentRejected", "", null));
	}

	@Test
	void rejectsABlankRequestIdInsteadOfMakingEveryAnonymousCaptureOneFact() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.capture(PAYMENT, ""))
			.withMessage("requestId must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.refund(PAYMENT, null))
			.withMessage("requestId must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.commandFailed(PAYMENT, " "))
			.withMessage("commandId must not be blank");
	}

	@Test
	void givesACommandWithAnInvalidIdentityTheIdItsValidTwinWouldHave() {
		assertThat(PaymentEventIds.commandFailed(PAYMENT.merchantSerialNumber(), PAYMENT.orderId(), "cmd-1"))
			.isEqualTo(PaymentEventIds.commandFailed(PAYMENT, "cmd-1"));
		String invalid = PaymentEventIds.commandFailed("12", "order with spaces", "cmd-1");
		assertThat(invalid).isNotEqualTo(PaymentEventIds.commandFailed("12", "order with spaces", "cmd-2"))
			.isNotEqualTo(PaymentEventIds.commandFailed(null, "order with spaces", "cmd-1"))
			.isEqualTo(PaymentEventIds.commandFailed("12", "order with spaces", "cmd-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.commandFailed("12", "x", ""))
			.withMessage("reference must not be blank");
	}

	@Test
	void rejectsAPositionBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.captureInHistory(PAYMENT, 0))
			.withMessage("position counts from 1, was 0");
	}

	@Test
	void rejectsAMissingPaymentOrKind() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.reserved(null))
			.withMessage("payment must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.eventId(PAYMENT, " ", "1", 1L))
			.withMessage("kind must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.ending(PAYMENT, null))
			.withMessage("ending must not be null");
	}

}
