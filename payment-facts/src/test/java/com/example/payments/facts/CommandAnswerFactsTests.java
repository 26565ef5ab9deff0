package com.example.payments.facts;

import java.time.Duration;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionInfo;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.client.model.TransactionSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CommandAnswerFacts}: full answers as the guide shows them, and the
 * leanest answers the spec allows.
 */
class CommandAnswerFactsTests {

	private static final PaymentKey PAYMENT = FactFixtures.PAYMENT;

	private static final String ORDER_ID = FactFixtures.ORDER_ID;

	@Test
	void anInitiateAnswerIsThePaymentWithItsUrl() {
		PaymentFact fact = CommandAnswerFacts.initiated(FactFixtures.initiate("initiate-1", 20000, PaymentType.REGULAR),
				new PaymentInitiationResponse(ORDER_ID, "https://api.vipps.no/dwo?token=eyJ"), FactFixtures.LEARNED_AT);
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.initiated(PAYMENT));
		assertThat(fact.commandId()).isEqualTo("initiate-1");
		assertThat(fact.occurredAtOrigin()).as("the answer has no timestamp").isEqualTo(OccurredAtOrigin.LEARNED);
		PaymentInitiated initiated = (PaymentInitiated) fact.event();
		assertThat(initiated.getUrlStatus()).isEqualTo(PaymentUrlStatus.ISSUED);
		assertThat(initiated.getUrlExpiresAt()).isEqualTo(FactFixtures.LEARNED_AT.plus(Duration.ofMinutes(5)));
		assertThat(initiated.getAmount()).isEqualTo(20000);
	}

	@Test
	void aFullCaptureAnswerGivesVippsAmountTimeAndTotals() {
		TransactionResponse answer = new TransactionResponse(ORDER_ID, "Visa",
				new TransactionInfo(15000, "Captured", FactFixtures.VIPPS_TIME, "5001420058", "Shipped"),
				new TransactionSummary(15000, 5000, 0, 15000, null));
		PaymentFact fact = known(
				CommandAnswerFacts.captured(FactFixtures.capture("capture-1", null), answer, FactFixtures.LEARNED_AT));
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.capture(PAYMENT, "capture-1"));
		assertThat(fact.occurredAt()).isEqualTo(FactFixtures.VIPPS_TIME);
		assertThat(fact.occurredAtOrigin()).isEqualTo(OccurredAtOrigin.VIPPS);
		PaymentCaptured captured = (PaymentCaptured) fact.event();
		assertThat(captured.getAmount()).isEqualTo(15000);
		assertThat(captured.getTransactionId()).isEqualTo("5001420058");
		assertThat(captured.getSummary().getRemainingAmountToCapture()).isEqualTo(5000);
		assertThat(captured.getDirectCapture()).isFalse();
	}

	@Test
	void aLeanCaptureAnswerGivesTheSameIdAndTheCommandsAmount() {
		PaymentFact fact = known(CommandAnswerFacts.captured(FactFixtures.capture("capture-1", 15000L),
				new TransactionResponse(ORDER_ID, null, null, null), FactFixtures.LEARNED_AT));
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.capture(PAYMENT, "capture-1"));
		assertThat(((PaymentCaptured) fact.event()).getAmount()).isEqualTo(15000);
		assertThat(fact.occurredAt()).isEqualTo(FactFixtures.LEARNED_AT);
		assertThat(fact.occurredAtOrigin()).isEqualTo(OccurredAtOrigin.LEARNED);
		assertThat(
				CommandAnswerFacts.captured(FactFixtures.capture("capture-1", 15000L), null, FactFixtures.LEARNED_AT))
			.as("an unreadable body of an applied capture")
			.isEqualTo(new AnswerFacts.Known(fact));
	}

	@Test
	void aLeanAnswerToACaptureOfTheRestNeedsDetails() {
		assertThat(CommandAnswerFacts.captured(FactFixtures.capture("capture-1", null),
				new TransactionResponse(ORDER_ID, null, null, null), FactFixtures.LEARNED_AT))
			.isInstanceOf(AnswerFacts.NeedsDetails.class);
	}

	@Test
	void aRefundAnswerReadsTheTransactionKey() {
		RefundTransactionResponse answer = new RefundTransactionResponse(ORDER_ID,
				new TransactionInfo(5000, "Refund", null, "5600727726", "Returned"), null);
		PaymentFact fact = known(
				CommandAnswerFacts.refunded(FactFixtures.refund("refund-1", null), answer, FactFixtures.LEARNED_AT));
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.refund(PAYMENT, "refund-1"));
		assertThat(((PaymentRefunded) fact.event()).getAmount()).isEqualTo(5000);
		assertThat(CommandAnswerFacts.refunded(FactFixtures.refund("refund-2", null),
				new RefundTransactionResponse(ORDER_ID, null, null), FactFixtures.LEARNED_AT))
			.isInstanceOf(AnswerFacts.NeedsDetails.class);
	}

	@Test
	void aCancelAnswerShowingTheUserApprovedIsAVoid() {
		CancelTransactionResponse answer = new CancelTransactionResponse(ORDER_ID, "Visa",
				new TransactionInfo(20000, "Cancelled", FactFixtures.VIPPS_TIME, null, "Out of stock"),
				new TransactionSummary(0, 0, 0, 0, null));
		PaymentFact fact = known(
				CommandAnswerFacts.cancelled(FactFixtures.cancel("cancel-1", false), answer, FactFixtures.LEARNED_AT));
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.VOID));
		assertThat(((PaymentCancelled) fact.event()).getReason()).isEqualTo(CancellationReason.MERCHANT_VOID);
		assertThat(fact.commandId()).isEqualTo("cancel-1");
	}

	@Test
	void aCancelAnswerShowingCapturedMoneyReleasedTheRest() {
		CancelTransactionResponse answer = new CancelTransactionResponse(ORDER_ID, null, null,
				new TransactionSummary(5000, 0, 0, 5000, null));
		PaymentFact fact = known(
				CommandAnswerFacts.cancelled(FactFixtures.cancel("cancel-1", true), answer, FactFixtures.LEARNED_AT));
		assertThat(fact.eventId()).isEqualTo(PaymentEventIds.ending(PAYMENT, Ending.VOID));
		assertThat(((PaymentCancelled) fact.event()).getReason()).isEqualTo(CancellationReason.RELEASED_REMAINING);
	}

	@Test
	void aCancelAnswerWithoutEvidenceNeverGuessesWhichEndingItWas() {
		// A pending payment's cancel and a void look alike once Vipps omits the optional
		// fields; the ending decides the id, so read /details.
		assertThat(CommandAnswerFacts.cancelled(FactFixtures.cancel("cancel-1", false),
				new CancelTransactionResponse(ORDER_ID, null, null, null), FactFixtures.LEARNED_AT))
			.isInstanceOf(AnswerFacts.NeedsDetails.class);
		assertThat(CommandAnswerFacts.cancelled(FactFixtures.cancel("cancel-1", false),
				new CancelTransactionResponse(ORDER_ID, null, null, new TransactionSummary(0, 0, 0, 0, null)),
				FactFixtures.LEARNED_AT))
			.isInstanceOf(AnswerFacts.NeedsDetails.class);
		assertThat(CommandAnswerFacts.cancelled(FactFixtures.cancel("cancel-1", true),
				new CancelTransactionResponse(ORDER_ID, "Visa", null, null), FactFixtures.LEARNED_AT))
			.as("approved, but a release and a void are told apart only by the summary")
			.isInstanceOf(AnswerFacts.NeedsDetails.class);
	}

	@Test
	void rejectsAnAnswerPairedWithTheWrongCommand() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> CommandAnswerFacts.captured(FactFixtures.refund("refund-1", 100L), null, FactFixtures.LEARNED_AT))
			.withMessage("expected a CapturePayment command, got RefundPayment");
	}

	private static PaymentFact known(AnswerFacts answer) {
		assertThat(answer).isInstanceOf(AnswerFacts.Known.class);
		return ((AnswerFacts.Known) answer).fact();
	}

}
