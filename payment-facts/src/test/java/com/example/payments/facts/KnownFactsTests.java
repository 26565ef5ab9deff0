package com.example.payments.facts;

import com.example.payments.facts.KnownFacts.PendingCommand;
import com.example.payments.facts.KnownFacts.RecordedMovement;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentState;
import com.example.payments.schema.event.UnresolvedReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KnownFacts}: built from a payment's events and commands in any order.
 */
class KnownFactsTests {

	private static final PaymentKey PAYMENT = FactFixtures.PAYMENT;

	@Test
	void keepsCapturesAndRefundsWithTheirAmountsAndEveryIdAsRecorded() {
		PaymentFact reserved = PaymentFact.at(PaymentEventIds.reserved(PAYMENT), PAYMENT,
				com.example.payments.schema.event.PaymentReserved.newBuilder().setAmount(20000).build(), null,
				FactFixtures.LEARNED_AT, null);
		PaymentFact sale = PaymentFact.at(PaymentEventIds.directCapture(PAYMENT), PAYMENT,
				PaymentCaptured.newBuilder().setAmount(20000).setDirectCapture(true).build(), null,
				FactFixtures.LEARNED_AT, null);
		KnownFacts known = KnownFacts.forPayment(PAYMENT)
			.recorded(event(reserved))
			.recorded(event(sale))
			.recorded(event(captured("capture-1", 5000)))
			.recorded(event(captured("capture-1", 5000)))
			.build();
		assertThat(known.isRecorded(PaymentEventIds.reserved(PAYMENT))).isTrue();
		assertThat(known.isRecorded(PaymentEventIds.directCapture(PAYMENT))).isTrue();
		assertThat(known.captures()).as("a direct capture is not a merchant capture; a redelivery counts once")
			.containsExactly(new RecordedMovement(PaymentEventIds.capture(PAYMENT, "capture-1"), 5000));
	}

	@Test
	void aCommandIsPendingUntilAnAnswerToItIsRecordedInWhateverOrder() {
		PaymentEvent answer = event(captured("capture-1", 5000));
		KnownFacts answeredFirst = KnownFacts.forPayment(PAYMENT)
			.recorded(answer)
			.pending(FactFixtures.capture("capture-1", 5000L))
			.pending(FactFixtures.refund("refund-1", null))
			.build();
		assertThat(answeredFirst.pending())
			.containsExactly(new PendingCommand("refund-1", CommandType.REFUND, null, null));
		KnownFacts commandFirst = KnownFacts.forPayment(PAYMENT)
			.pending(FactFixtures.capture("capture-1", 5000L))
			.recorded(answer)
			.build();
		assertThat(commandFirst.pending()).isEmpty();
	}

	@Test
	void anUnknownOutcomeLeavesTheCommandPending() {
		PaymentEvent unknown = PaymentFact
			.at(PaymentEventIds.outcomeUnknown(PAYMENT, "capture-1"), PAYMENT,
					PaymentOutcomeUnknown.newBuilder()
						.setLastKnownState(PaymentState.RESERVED)
						.setReason(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR)
						.setAttempts(3)
						.build(),
					null, FactFixtures.LEARNED_AT, "capture-1")
			.toEvent(EventSource.RECONCILIATION, FactFixtures.LEARNED_AT);
		KnownFacts known = KnownFacts.forPayment(PAYMENT)
			.pending(FactFixtures.capture("capture-1", 5000L))
			.recorded(unknown)
			.build();
		assertThat(known.pending()).extracting(PendingCommand::commandId).containsExactly("capture-1");
	}

	@Test
	void refusesAnotherPaymentsEvent() {
		PaymentFact other = captured("capture-1", 5000);
		PaymentEvent event = other.toEvent(EventSource.COMMAND, FactFixtures.LEARNED_AT);
		event.setOrderId("another-order");
		assertThatIllegalArgumentException().isThrownBy(() -> KnownFacts.forPayment(PAYMENT).recorded(event))
			.withMessageContaining("belongs to 123456:another-order");
	}

	private static PaymentFact captured(String commandId, long amount) {
		return PaymentFact.at(PaymentEventIds.capture(PAYMENT, commandId), PAYMENT,
				PaymentCaptured.newBuilder().setAmount(amount).build(), null, FactFixtures.LEARNED_AT, commandId);
	}

	private static PaymentEvent event(PaymentFact fact) {
		return fact.toEvent(EventSource.COMMAND, FactFixtures.LEARNED_AT);
	}

}
