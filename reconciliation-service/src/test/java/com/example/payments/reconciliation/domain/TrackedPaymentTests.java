package com.example.payments.reconciliation.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackedPayment}.
 */
class TrackedPaymentTests {

	@Test
	void addsUpRecordedFactsToItsStateAndAmounts() {
		TrackedPayment payment = initiated();
		assertThat(payment.state()).isEqualTo(TrackedState.INITIATED);
		assertThat(payment.awaitingUser()).isTrue();
		payment.record(fact("r", FactKind.RESERVED, 20_000, null));
		assertThat(payment.state()).isEqualTo(TrackedState.RESERVED);
		assertThat(payment.awaitingCapture()).isTrue();
		payment.record(fact("c1", FactKind.CAPTURED, 5_000, "cmd-1"));
		assertThat(payment.state()).isEqualTo(TrackedState.PARTIALLY_CAPTURED);
		assertThat(payment.remainingToCapture()).isEqualTo(15_000);
		payment.record(fact("c2", FactKind.CAPTURED, 15_000, "cmd-2"));
		assertThat(payment.state()).isEqualTo(TrackedState.CAPTURED);
		assertThat(payment.isOpen()).isFalse();
		payment.record(fact("f1", FactKind.REFUNDED, 2_000, "cmd-3"));
		assertThat(payment.state()).isEqualTo(TrackedState.PARTIALLY_REFUNDED);
		assertThat(payment.standing()).isEqualTo(TrackedPayment.CLOSED);
	}

	@Test
	void releasingTheRestLeavesNothingToCapture() {
		TrackedPayment payment = initiated();
		payment.record(fact("r", FactKind.RESERVED, 20_000, null));
		payment.record(fact("c1", FactKind.CAPTURED, 5_000, "cmd-1"));
		payment.record(fact("v", FactKind.RELEASED_REMAINING, 0, "cmd-2"));
		assertThat(payment.remainingToCapture()).isZero();
		assertThat(payment.state()).isEqualTo(TrackedState.CAPTURED);
		assertThat(payment.isOpen()).isFalse();
	}

	@Test
	void ignoresAFactRecordedBefore() {
		TrackedPayment payment = initiated();
		assertThat(payment.record(fact("r", FactKind.RESERVED, 20_000, null))).isTrue();
		assertThat(payment.record(fact("r", FactKind.RESERVED, 20_000, null))).isFalse();
		assertThat(payment.reservedAmount()).isEqualTo(20_000);
		assertThat(payment.history()).hasSize(2);
	}

	@Test
	void dropsAPendingCommandOnceItsAnswerIsRecorded() {
		TrackedPayment payment = initiated();
		payment.record(fact("r", FactKind.RESERVED, 20_000, null));
		payment.pending(new PendingCommand("cmd-1", CommandKind.CAPTURE, 5_000L, false, -1), 100);
		assertThat(payment.pendingCommands()).hasSize(1);
		payment.record(fact("c1", FactKind.CAPTURED, 5_000, "cmd-1"));
		assertThat(payment.pendingCommands()).isEmpty();
		assertThat(payment.pending(new PendingCommand("cmd-1", CommandKind.CAPTURE, 5_000L, false, -1), 200))
			.as("a redelivered command already answered")
			.isFalse();
	}

	@Test
	void takesOverACommandTheCommandServiceCouldNotResolveAndChecksAtOnce() {
		TrackedPayment payment = initiated();
		payment.record(fact("r", FactKind.RESERVED, 20_000, null));
		payment.pending(new PendingCommand("cmd-1", CommandKind.CAPTURE, 5_000L, false, -1), 100);
		payment.record(new RecordedFact("u1", FactKind.OUTCOME_UNKNOWN, FactSource.COMMAND, 300, 300, 0, "cmd-1"));
		assertThat(payment.handedOver()).extracting(PendingCommand::commandId).containsExactly("cmd-1");
		assertThat(payment.pendingCommands()).as("still pending: no answer yet").hasSize(1);
		assertThat(payment.checkAtOnce()).isTrue();
	}

	@Test
	void takesOverACommandWhoseUnknownOutcomeArrivedBeforeTheCommand() {
		TrackedPayment payment = initiated();
		payment.record(new RecordedFact("u1", FactKind.OUTCOME_UNKNOWN, FactSource.COMMAND, 300, 300, 0, "cmd-1"));
		payment.pending(new PendingCommand("cmd-1", CommandKind.CAPTURE, 5_000L, false, -1), 400);
		assertThat(payment.handedOver()).extracting(PendingCommand::handedOverAtMillis).containsExactly(400L);
	}

	@Test
	void aLostUrlIsCheckedAtOnce() {
		TrackedPayment payment = new TrackedPayment();
		payment.record(fact("i", FactKind.INITIATED_URL_LOST, 20_000, "cmd-0"));
		assertThat(payment.checkAtOnce()).isTrue();
		assertThat(payment.awaitingUser()).isTrue();
	}

	@Test
	void anUnresolvedPaymentIsCountedApartUntilAFactResolvesIt() {
		TrackedPayment payment = initiated();
		payment.markUnresolved();
		assertThat(payment.isOpen()).isFalse();
		assertThat(payment.standing()).isEqualTo(TrackedPayment.UNRESOLVED);
		payment.record(fact("x", FactKind.REJECTED, 0, null));
		assertThat(payment.unresolved()).isFalse();
		assertThat(payment.standing()).isEqualTo(TrackedPayment.CLOSED);
	}

	@Test
	void believesAContradictionOnlyWhenTheNextReadingShowsItToo() {
		TrackedPayment payment = initiated();
		assertThat(payment.conflictLasts(true)).isFalse();
		assertThat(payment.isOpen()).as("checked again").isTrue();
		assertThat(payment.conflictLasts(false)).isFalse();
		assertThat(payment.conflictLasts(true)).isFalse();
		assertThat(payment.conflictLasts(true)).isTrue();
	}

	@Test
	void remembersWhenAFactWasFirstSeenMissing() {
		TrackedPayment payment = initiated();
		assertThat(payment.unconfirmed("r", 1_000)).isEqualTo(1_000);
		assertThat(payment.unconfirmed("r", 2_000)).isEqualTo(1_000);
		payment.record(fact("r", FactKind.RESERVED, 20_000, null));
		assertThat(payment.unconfirmedFacts()).isEmpty();
	}

	static TrackedPayment initiated() {
		TrackedPayment payment = new TrackedPayment();
		payment.record(fact("i", FactKind.INITIATED, 20_000, "cmd-0"));
		return payment;
	}

	static RecordedFact fact(String id, FactKind kind, long amount, String commandId) {
		return new RecordedFact(id, kind, FactSource.COMMAND, 1_000, 1_000, amount, commandId);
	}

}
