package com.example.payments.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import com.example.payments.facts.DetailsReading.Outcome;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.vipps.client.model.Address;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentShippingDetails;
import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;
import com.example.payments.vipps.client.model.UserDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DetailsFacts}: what /details adds, with and without Vipps' optional
 * fields, against what is recorded and pending.
 */
class DetailsFactsTests {

	private static final PaymentKey PAYMENT = FactFixtures.PAYMENT;

	private static final Instant LEARNED_AT = FactFixtures.LEARNED_AT;

	private static final KnownFacts NOTHING = KnownFacts.none(PAYMENT);

	private static final TransactionOperation INITIATE = TransactionOperation.INITIATE;

	private static final TransactionOperation RESERVE = TransactionOperation.RESERVE;

	private static final TransactionOperation SALE = TransactionOperation.SALE;

	private static final TransactionOperation CAPTURE = TransactionOperation.CAPTURE;

	private static final TransactionOperation REFUND = TransactionOperation.REFUND;

	private static final TransactionOperation CANCEL = TransactionOperation.CANCEL;

	private static final TransactionOperation VOID = TransactionOperation.VOID;

	@Test
	void derivesOncePerPaymentFactsWithoutAnyOptionalField() {
		DetailsReading reading = read(details(lean(INITIATE, true, 20000), lean(RESERVE, true, 20000)), NOTHING);
		assertThat(ids(reading)).containsExactly(PaymentEventIds.reserved(PAYMENT));
		PaymentFact reserved = reading.missingFacts().get(0);
		assertThat(reserved.occurredAt()).isEqualTo(LEARNED_AT);
		assertThat(reserved.occurredAtOrigin()).isEqualTo(OccurredAtOrigin.LEARNED);
		assertThat(reserved.commandId()).isNull();
	}

	@Test
	void takesVippsTimeWhenTheEntryHasOne() {
		DetailsReading reading = read(details(full(INITIATE, 20000, "", null), full(RESERVE, 20000, "", "5001")),
				NOTHING);
		assertThat(reading.missingFacts().get(0).occurredAt()).isEqualTo(FactFixtures.VIPPS_TIME);
		assertThat(reading.missingFacts().get(0).occurredAtOrigin()).isEqualTo(OccurredAtOrigin.VIPPS);
	}

	@Test
	void derivesADirectCaptureDistinctFromMerchantCaptures() {
		DetailsReading reading = read(details(lean(INITIATE, true, 30000), lean(SALE, true, 30000)), NOTHING);
		assertThat(ids(reading)).containsExactly(PaymentEventIds.directCapture(PAYMENT));
		assertThat(((PaymentCaptured) reading.missingFacts().get(0).event()).getDirectCapture()).isTrue();
	}

	@Test
	void derivesShippingAndProfileOfAnExpressCheckoutOnceReserved() {
		PaymentDetails express = new PaymentDetails(null,
				details(lean(INITIATE, true, 20000), lean(RESERVE, true, 20000)).transactionLogHistory(), null,
				new PaymentShippingDetails(new Address("Robert Levins gate 5", null, "Oslo", "Norway", "0154"),
						new BigDecimal("99.50"), "Posten", "posten"),
				new UserDetails("ada@example.com", "Ada", "Lovelace", "91234567", "uiJ=="), "sub-1");
		DetailsReading reading = read(express, NOTHING);
		assertThat(ids(reading)).containsExactly(PaymentEventIds.reserved(PAYMENT),
				PaymentEventIds.shippingSelected(PAYMENT), PaymentEventIds.userDetailsShared(PAYMENT));
		ShippingSelected shipping = (ShippingSelected) reading.missingFacts().get(1).event();
		assertThat(shipping.getShippingCost()).isEqualTo(9950);
		assertThat(shipping.getDeliveryAddress().getPostCode()).isEqualTo("0154");
	}

	@Test
	void capturesWithRequestIdsGetTheirCommandsIdsWithoutAnyContext() {
		DetailsReading reading = read(details(lean(INITIATE, true, 20000), lean(RESERVE, true, 20000),
				full(CAPTURE, 5000, "capture-1", "5002"), full(CAPTURE, 5000, "capture-2", "5003"),
				full(REFUND, 5000, "refund-1", "5004")), NOTHING);
		assertThat(ids(reading)).containsExactly(PaymentEventIds.reserved(PAYMENT),
				PaymentEventIds.capture(PAYMENT, "capture-1"), PaymentEventIds.capture(PAYMENT, "capture-2"),
				PaymentEventIds.refund(PAYMENT, "refund-1"));
	}

	@Test
	void twoPortalCapturesOfEqualAmountAreTwoFactsByPosition() {
		DetailsReading reading = read(
				details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000), lean(CAPTURE, true, 5000),
						lean(REFUND, true, 5000)),
				KnownFacts.forPayment(PAYMENT).recorded(PaymentEventIds.reserved(PAYMENT)).build());
		assertThat(ids(reading)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1),
				PaymentEventIds.captureInHistory(PAYMENT, 2), PaymentEventIds.refundInHistory(PAYMENT, 1));
		assertThat(reading.missingFacts()).allSatisfy((fact) -> assertThat(fact.commandId()).isNull());
	}

	@Test
	void neverPublishesARecordedCaptureAgainWhenDetailsOmitsItsRequestId() {
		KnownFacts known = reservedAnd().recordedCapture(PaymentEventIds.capture(PAYMENT, "capture-1"), 5000).build();
		DetailsReading reading = read(
				details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000), lean(CAPTURE, true, 5000)), known);
		// One of the two is ours (taken to be the newest); the other, a portal capture of
		// equal amount, is new.
		assertThat(ids(reading)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1));
		assertThat(reading.conflicts()).isEmpty();
	}

	@Test
	void leavesACaptureAppliedButNotYetAnsweredToItsCommand() {
		// Reconciliation polls between Vipps applying the capture and the command
		// service publishing it.
		KnownFacts known = reservedAnd().pending(FactFixtures.capture("capture-1", 5000L)).build();
		DetailsReading reading = read(details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000)), known);
		assertThat(reading.missingFacts()).isEmpty();
		assertThat(reading.outcomeOf("capture-1")).hasValueSatisfying((outcome) -> {
			assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(outcome.fact().eventId()).as("the id the command's own answer gives")
				.isEqualTo(PaymentEventIds.capture(PAYMENT, "capture-1"));
			assertThat(outcome.fact().commandId()).isEqualTo("capture-1");
		});
	}

	@Test
	void pairsACaptureOfTheRestWithTheNewestEntry() {
		KnownFacts known = reservedAnd().pending(FactFixtures.capture("capture-rest", null)).build();
		DetailsReading reading = read(
				details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 3000), lean(CAPTURE, true, 17000)), known);
		assertThat(reading.outcomeOf("capture-rest").orElseThrow().fact().event())
			.isEqualTo(PaymentCaptured.newBuilder().setAmount(17000).build());
		assertThat(ids(reading)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1));
	}

	@Test
	void givesTheSameIdsOverRepeatedPollsAsTheContextGrows() {
		// Vipps omits every requestId; ours (5000, in flight) and a portal capture
		// (5000) look alike.
		PaymentDetails first = details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000),
				lean(CAPTURE, true, 5000));
		KnownFacts.Builder context = reservedAnd().pending(FactFixtures.capture("capture-1", 5000L));
		DetailsReading poll1 = read(first, context.build());
		assertThat(ids(poll1)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1));
		assertThat(read(first, context.build())).as("the same reading for the same context").isEqualTo(poll1);
		// Reconciliation records what it published; the command service answers later.
		poll1.missingFacts().forEach((fact) -> context.recorded(fact.toEvent(EventSource.RECONCILIATION, LEARNED_AT)));
		assertThat(read(first, context.build()).missingFacts()).isEmpty();
		context.recorded(poll1.outcomeOf("capture-1").orElseThrow().fact().toEvent(EventSource.COMMAND, LEARNED_AT));
		PaymentDetails later = details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000), lean(CAPTURE, true, 5000),
				lean(CAPTURE, true, 10000));
		DetailsReading poll3 = read(later, context.build());
		assertThat(ids(poll3)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 3));
		assertThat(poll3.conflicts()).isEmpty();
		// The same history with its requestIds shown pairs the same way.
		PaymentDetails shown = details(lean(RESERVE, true, 20000), full(CAPTURE, 5000, "capture-1", "5001"),
				full(CAPTURE, 5000, "", "5002"), full(CAPTURE, 10000, "", "5003"));
		poll3.missingFacts().forEach((fact) -> context.recorded(fact.toEvent(EventSource.RECONCILIATION, LEARNED_AT)));
		DetailsReading poll4 = read(shown, context.build());
		assertThat(poll4.missingFacts()).isEmpty();
		assertThat(poll4.conflicts()).isEmpty();
	}

	@Test
	void aReadingThatMissesWhatReconciliationJustPublishedGivesItTheSameId() {
		// Reconciliation published a portal capture, and reads /details again before
		// that event is back in its context; meanwhile our captures were recorded.
		PaymentDetails history = details(lean(RESERVE, true, 20000), lean(CAPTURE, true, 5000),
				lean(CAPTURE, true, 5000), lean(CAPTURE, true, 5000));
		KnownFacts.Builder context = reservedAnd().recordedCapture(PaymentEventIds.capture(PAYMENT, "capture-1"), 5000)
			.pending(FactFixtures.capture("capture-2", 5000L));
		DetailsReading published = read(history, context.build());
		assertThat(ids(published)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1));
		context
			.recorded(published.outcomeOf("capture-2").orElseThrow().fact().toEvent(EventSource.COMMAND, LEARNED_AT));
		assertThat(ids(read(history, context.build()))).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 1));
	}

	@Test
	void pairsAFactRecordedByPositionEvenWhenItsRequestIdAppearsLater() {
		KnownFacts known = reservedAnd().recordedCapture(PaymentEventIds.captureInHistory(PAYMENT, 1), 5000).build();
		DetailsReading reading = read(details(lean(RESERVE, true, 20000), full(CAPTURE, 5000, "portal-9", "5001")),
				known);
		assertThat(reading.missingFacts()).isEmpty();
	}

	@Test
	void neverTurnsAFailedEntryIntoAFactButCountsItsPosition() {
		KnownFacts known = reservedAnd().pending(FactFixtures.capture("capture-1", 30000L)).build();
		DetailsReading reading = read(details(lean(RESERVE, true, 20000),
				new TransactionLogEntry(CAPTURE, false, 30000, "x", null, "capture-1", null),
				lean(CAPTURE, true, 5000)), known);
		assertThat(reading.outcomeOf("capture-1").orElseThrow().outcome()).isEqualTo(Outcome.NOT_APPLIED);
		assertThat(ids(reading)).containsExactly(PaymentEventIds.captureInHistory(PAYMENT, 2));
	}

	@Test
	void treatsAMissingOperationSuccessAsUnknownNotAsFailed() {
		DetailsReading reserve = read(details(lean(INITIATE, true, 20000), lean(RESERVE, null, 20000)), NOTHING);
		assertThat(reserve.missingFacts()).as("neither reserved nor failed").isEmpty();
		assertThat(reserve.undetermined()).containsExactly("RESERVE of 20000 øre without operationSuccess");
		KnownFacts pending = reservedAnd().pending(FactFixtures.capture("capture-1", 5000L)).build();
		DetailsReading capture = read(details(lean(RESERVE, true, 20000), lean(CAPTURE, null, 5000)), pending);
		assertThat(capture.outcomeOf("capture-1").orElseThrow().outcome()).isEqualTo(Outcome.UNDETERMINED);
		assertThat(capture.missingFacts()).isEmpty();
		DetailsReading portal = read(details(lean(RESERVE, true, 20000), lean(CAPTURE, null, 5000)), NOTHING);
		assertThat(portal.missingFacts()).extracting(PaymentFact::eventId)
			.containsExactly(PaymentEventIds.reserved(PAYMENT));
		assertThat(portal.undetermined()).containsExactly("CAPTURE of 5000 øre without operationSuccess");
	}

	@Test
	void reportsARecordedCaptureThatDetailsDoesNotShow() {
		KnownFacts known = reservedAnd().recordedCapture(PaymentEventIds.capture(PAYMENT, "capture-1"), 5000).build();
		DetailsReading reading = read(details(lean(RESERVE, true, 20000)), known);
		assertThat(reading.conflicts()).singleElement()
			.asString()
			.contains("recorded CAPTURE " + PaymentEventIds.capture(PAYMENT, "capture-1"));
	}

	@Test
	void aCancelSeenOnlyInDetailsSharesItsIdWithTheCallbacksAndTheMerchantsCancel() {
		DetailsReading alone = read(details(lean(INITIATE, true, 20000), lean(CANCEL, true, 20000)), NOTHING);
		assertThat(ids(alone)).containsExactly(PaymentEventIds.ending(PAYMENT, Ending.CANCEL));
		assertThat(((PaymentRejected) alone.missingFacts().get(0).event()).getReason())
			.isEqualTo(RejectionReason.CANCELLED_OR_EXPIRED);
		KnownFacts cancelling = KnownFacts.forPayment(PAYMENT).pending(FactFixtures.cancel("cancel-1", false)).build();
		DetailsReading ours = read(details(lean(INITIATE, true, 20000), lean(CANCEL, true, 20000)), cancelling);
		assertThat(ours.missingFacts()).isEmpty();
		PaymentFact cancelled = ours.outcomeOf("cancel-1").orElseThrow().fact();
		assertThat(cancelled.eventId()).isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.CANCEL));
		assertThat(((PaymentCancelled) cancelled.event()).getReason())
			.isEqualTo(CancellationReason.MERCHANT_BEFORE_RESERVE);
	}

	@Test
	void aVoidAfterAPartialCaptureIsTheReleaseOfTheRest() {
		DetailsReading released = read(
				details(lean(RESERVE, true, 20000), full(CAPTURE, 5000, "capture-1", "5001"), lean(VOID, true, 15000)),
				NOTHING);
		assertThat(released.missingFacts()).filteredOn((fact) -> fact.event() instanceof PaymentCancelled)
			.singleElement()
			.satisfies((fact) -> {
				assertThat(fact.eventId()).isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.VOID));
				assertThat(((PaymentCancelled) fact.event()).getReason())
					.isEqualTo(CancellationReason.RELEASED_REMAINING);
			});
		DetailsReading voided = read(details(lean(RESERVE, true, 20000), lean(VOID, true, 20000)), NOTHING);
		assertThat(((PaymentCancelled) voided.missingFacts().get(1).event()).getReason())
			.isEqualTo(CancellationReason.MERCHANT_VOID);
	}

	@Test
	void aFailedReservationIsTheEndingFailedAndContradictsARecordedCancel() {
		DetailsReading failed = read(details(lean(INITIATE, true, 20000), lean(RESERVE, false, 20000)), NOTHING);
		assertThat(ids(failed)).containsExactly(PaymentEventIds.ending(PAYMENT, Ending.FAILED));
		KnownFacts cancelled = KnownFacts.forPayment(PAYMENT)
			.recorded(PaymentEventIds.ending(PAYMENT, Ending.FAILED))
			.build();
		DetailsReading contradiction = read(details(lean(INITIATE, true, 20000), lean(CANCEL, true, 20000)), cancelled);
		assertThat(ids(contradiction)).as("published, not de-duplicated away")
			.containsExactly(PaymentEventIds.ending(PAYMENT, Ending.CANCEL));
		assertThat(contradiction.conflicts()).containsExactly("recorded ending FAILED but /details shows CANCEL");
	}

	@Test
	void confirmsALostInitiateWithTheSameIdAsItsAnswerButWithoutUrl() {
		KnownFacts initiating = KnownFacts.forPayment(PAYMENT)
			.pending(FactFixtures.initiate("initiate-1", 20000, PaymentType.EXPRESS))
			.build();
		DetailsReading reading = read(details(lean(INITIATE, true, 20000)), initiating);
		assertThat(reading.missingFacts()).as("only the command service may say the URL is lost").isEmpty();
		PaymentFact initiated = reading.outcomeOf("initiate-1").orElseThrow().fact();
		assertThat(initiated.eventId()).isEqualTo(PaymentEventIds.initiated(PAYMENT));
		PaymentInitiated event = (PaymentInitiated) initiated.event();
		assertThat(event.getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
		assertThat(event.getUrl()).isNull();
		assertThat(event.getPaymentType()).isEqualTo(PaymentType.EXPRESS);
	}

	@Test
	void reportsPendingCommandsWithoutTraceAsNotSeen() {
		KnownFacts known = reservedAnd().pending(FactFixtures.refund("refund-1", 5000L)).build();
		assertThat(read(details(lean(RESERVE, true, 20000)), known).outcomeOf("refund-1").orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_SEEN);
	}

	/**
	 * The context of a payment whose reservation is recorded.
	 * @return a builder to add to
	 */
	private static KnownFacts.Builder reservedAnd() {
		return KnownFacts.forPayment(PAYMENT).recorded(PaymentEventIds.reserved(PAYMENT));
	}

	private static DetailsReading read(PaymentDetails details, KnownFacts known) {
		return DetailsFacts.read(details, known, LEARNED_AT);
	}

	private static List<String> ids(DetailsReading reading) {
		return reading.missingFacts().stream().map(PaymentFact::eventId).toList();
	}

	/**
	 * A history entry as /details lists it when Vipps omits everything optional.
	 * @param operation the operation
	 * @param success operationSuccess, or null when omitted
	 * @param amount øre
	 * @return the entry
	 */
	private static TransactionLogEntry lean(TransactionOperation operation, Boolean success, long amount) {
		return new TransactionLogEntry(operation, success, amount, "text", null, null, null);
	}

	/**
	 * A history entry with Vipps' optional fields.
	 * @param operation the operation
	 * @param amount øre
	 * @param requestId the request id ("" as Vipps sends it for none)
	 * @param transactionId Vipps' id
	 * @return the entry
	 */
	private static TransactionLogEntry full(TransactionOperation operation, long amount, String requestId,
			String transactionId) {
		return new TransactionLogEntry(operation, true, amount, "text", transactionId, requestId,
				FactFixtures.VIPPS_TIME);
	}

	/**
	 * A /details answer; entries are given OLDEST first, for readability, and listed
	 * newest first as Vipps does.
	 * @param oldestFirst the entries
	 * @return the details
	 */
	private static PaymentDetails details(TransactionLogEntry... oldestFirst) {
		List<TransactionLogEntry> newestFirst = new ArrayList<>(Arrays.asList(oldestFirst));
		Collections.reverse(newestFirst);
		return new PaymentDetails(null, newestFirst, null, null, null, null);
	}

}
