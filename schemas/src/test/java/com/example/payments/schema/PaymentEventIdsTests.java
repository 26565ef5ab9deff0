package com.example.payments.schema;

import java.util.UUID;

import com.example.payments.schema.event.PaymentCaptured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PaymentEventIds}.
 */
class PaymentEventIdsTests {

	private static final String MSN = "123456";

	private static final String ORDER = "acme-shop-123-order123abc";

	@Test
	void isStableAcrossReleases() {
		// Pinned: computed independently (Python: SHA-1 over namespace + length-prefixed
		// parts). If this changes, consumers stop de-duplicating across a deployment.
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentCaptured", "5001420058", 10000L))
			.isEqualTo("1d4f3cda-4139-5d3f-82d1-4dce11ccc651");
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentInitiated", "cmd-1", null))
			.isEqualTo("617f5599-e96e-5fc4-bef4-06196b436869");
	}

	@Test
	void sameFactLearnedTwiceGetsSameId() {
		String fromCallback = PaymentEventIds.eventId(MSN, ORDER, "PaymentReserved", "5001420062", 20000L);
		String fromReconciliation = PaymentEventIds.eventId(PaymentKey.parse(MSN + ":" + ORDER), "PaymentReserved",
				"5001420062", 20000L);
		assertThat(fromReconciliation).isEqualTo(fromCallback);
	}

	@Test
	void isVersionFiveIetfVariantUuid() {
		UUID id = PaymentEventIds.eventUuid(PaymentKey.of(MSN, ORDER), "PaymentCaptured", "5001420058", 10000L);
		assertThat(id.version()).isEqualTo(5);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void differsWhenAnyPartDiffers() {
		String base = PaymentEventIds.eventId(MSN, ORDER, "PaymentCaptured", "5001420058", 10000L);
		assertThat(PaymentEventIds.eventId("654321", ORDER, "PaymentCaptured", "5001420058", 10000L))
			.isNotEqualTo(base);
		assertThat(PaymentEventIds.eventId(MSN, ORDER + "-2", "PaymentCaptured", "5001420058", 10000L))
			.isNotEqualTo(base);
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentRefunded", "5001420058", 10000L)).isNotEqualTo(base);
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentCaptured", "5001420059", 10000L)).isNotEqualTo(base);
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentCaptured", "5001420058", 10001L)).isNotEqualTo(base);
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentCaptured", "5001420058", null)).isNotEqualTo(base);
	}

	@Test
	void separatorsInPartsCannotMakeTwoTuplesCollide() {
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "a:b", "c", null))
			.isNotEqualTo(PaymentEventIds.eventId(MSN, ORDER, "a", "b:c", null));
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "op", "12", 3L))
			.isNotEqualTo(PaymentEventIds.eventId(MSN, ORDER, "op", "1", 23L));
		assertThat(PaymentEventIds.eventId(MSN, "a-b", "c", null, null))
			.isNotEqualTo(PaymentEventIds.eventId(MSN, "a", "b-c", null, null));
	}

	@Test
	void absentReferenceDiffersFromEmptyReference() {
		assertThat(PaymentEventIds.eventId(MSN, ORDER, "PaymentRejected", null, null))
			.isNotEqualTo(PaymentEventIds.eventId(MSN, ORDER, "PaymentRejected", "", null));
	}

	@Test
	void operationOfEventIsItsRecordName() {
		PaymentCaptured captured = PaymentCaptured.newBuilder().setAmount(100).build();
		assertThat(PaymentEventIds.operationOf(captured)).isEqualTo("PaymentCaptured");
	}

	@Test
	void rejectsBlankOperation() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentEventIds.eventId(MSN, ORDER, " ", "1", 1L))
			.withMessage("operation must not be blank");
	}

	@Test
	void rejectsInvalidPaymentIdentity() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PaymentEventIds.eventId("12", ORDER, "PaymentCaptured", "1", 1L))
			.withMessageContaining("merchantSerialNumber must be 5 or 6 digits");
	}

}
