package com.example.payments.command.domain;

import java.util.List;

import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Reservation}.
 */
class ReservationTests {

	@Test
	void isReservedOnceASuccessfulReserveOrSaleIsInTheHistory() {
		assertThat(Reservation
			.of(List.of(entry(TransactionOperation.RESERVE, true), entry(TransactionOperation.INITIATE, true))))
			.isEqualTo(Reservation.RESERVED);
		assertThat(Reservation.of(List.of(entry(TransactionOperation.SALE, true)))).isEqualTo(Reservation.RESERVED);
	}

	@Test
	void hasEndedAfterACancelAFailedReservationOrAVoid() {
		assertThat(Reservation
			.of(List.of(entry(TransactionOperation.CANCEL, true), entry(TransactionOperation.INITIATE, true))))
			.isEqualTo(Reservation.ENDED);
		assertThat(Reservation.of(List.of(entry(TransactionOperation.RESERVE, false)))).isEqualTo(Reservation.ENDED);
	}

	@Test
	void isPendingWhileTheUserHasNotActedOrVippsLeftOperationSuccessOut() {
		assertThat(Reservation.of(List.of(entry(TransactionOperation.INITIATE, true)))).isEqualTo(Reservation.PENDING);
		assertThat(Reservation.of(List.of(entry(TransactionOperation.RESERVE, null)))).isEqualTo(Reservation.PENDING);
	}

	private static TransactionLogEntry entry(TransactionOperation operation, Boolean success) {
		return new TransactionLogEntry(operation, success, 10_000, "text", null, null, null);
	}

}
