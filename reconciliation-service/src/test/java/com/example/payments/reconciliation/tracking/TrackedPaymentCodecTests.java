package com.example.payments.reconciliation.tracking;

import java.util.Arrays;
import java.util.UUID;

import com.example.payments.reconciliation.domain.CommandKind;
import com.example.payments.reconciliation.domain.FactKind;
import com.example.payments.reconciliation.domain.FactSource;
import com.example.payments.reconciliation.domain.PendingCommand;
import com.example.payments.reconciliation.domain.RecordedFact;
import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TrackedPaymentCodec}.
 */
class TrackedPaymentCodecTests {

	@Test
	void keepsEveryPartOfAPaymentThroughStorage() {
		TrackedPayment payment = new TrackedPayment();
		payment.record(new RecordedFact(UUID.randomUUID().toString(), FactKind.INITIATED, FactSource.COMMAND,
				1_764_064_800_000L, 1_764_064_800_012L, 20_000, "cmd-initiate"));
		payment.record(new RecordedFact("not-a-uuid", FactKind.RESERVED, FactSource.RECONCILIATION, 1_764_064_805_000L,
				1_764_064_809_000L, 20_000, null));
		payment.pending(new PendingCommand("cmd-capture", CommandKind.CAPTURE, 5_000L, false, -1), 1_764_064_810_000L);
		payment.pending(new PendingCommand("cmd-cancel", CommandKind.CANCEL, null, false, -1), 1_764_064_811_000L);
		payment.record(new RecordedFact(UUID.randomUUID().toString(), FactKind.OUTCOME_UNKNOWN, FactSource.COMMAND,
				1_764_064_812_000L, 1_764_064_812_000L, 0, "cmd-capture"));
		payment.unconfirmed(UUID.randomUUID().toString(), 1_764_064_813_000L);
		payment.checkStarted(1_764_064_900_000L);
		payment.checkEnded(1_764_064_814_000L, true);
		payment.scheduled(DueAction.CHECK, 1_764_064_815_000L);
		payment.remindersSent(2);
		payment.conflictLasts(true);
		payment.markConflictReported();
		payment.markCaptureWindowOver();
		payment.closedAt(1_764_064_816_000L);

		TrackedPayment restored = TrackedPaymentCodec.decode(TrackedPaymentCodec.encode(payment));

		assertThat(restored).usingRecursiveComparison().isEqualTo(payment);
		assertThat(TrackedPaymentCodec.encode(restored)).isEqualTo(TrackedPaymentCodec.encode(payment));
	}

	@Test
	void storesAnInitiatedPaymentInAFewDozenBytes() {
		TrackedPayment payment = new TrackedPayment();
		payment.record(new RecordedFact(UUID.randomUUID().toString(), FactKind.INITIATED, FactSource.COMMAND,
				1_764_064_800_000L, 1_764_064_800_012L, 20_000, null));
		payment.scheduled(DueAction.CHECK, 1_764_064_805_012L);
		assertThat(TrackedPaymentCodec.encode(payment)).hasSizeLessThan(80);
	}

	@Test
	void refusesAVersionItDoesNotKnowAndTruncatedBytes() {
		byte[] stored = TrackedPaymentCodec.encode(new TrackedPayment());
		byte[] newer = stored.clone();
		newer[0] = 9;
		assertThatIllegalArgumentException().isThrownBy(() -> TrackedPaymentCodec.decode(newer))
			.withMessageContaining("version 9");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TrackedPaymentCodec.decode(Arrays.copyOf(stored, stored.length - 3)))
			.withMessageContaining("truncated");
	}

}
