package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulator's truth about one payment, a snapshot. Tests compare what the merchant
 * side believes against it.
 *
 * @param msn sales unit
 * @param orderId order
 * @param status the state in our derived state machine
 * @param express whether it is an express checkout
 * @param amount the initiated amount (øre)
 * @param reservedAmount the reserved amount R (øre), 0 until reserved
 * @param capturedAmount C
 * @param refundedAmount F
 * @param remainingAmountToCapture R - C, or 0 after a cancel or release
 * @param remainingAmountToRefund C - F
 * @param transactionText the initiation text
 * @param url the landing-page url returned at initiation
 * @param initiatedAt when it was initiated (simulator clock)
 * @param log the transaction log, newest first, as /details shows it
 * @param callbacks every callback delivery attempt, oldest first
 * @param user the user who shared details (express), or null
 * @param shipping the chosen shipping (express), or null
 * @param shippingDetailsError why the last shipping-details call failed, or null
 */
public record SimulatedPayment(String msn, String orderId, Status status, boolean express, long amount,
		long reservedAmount, long capturedAmount, long refundedAmount, long remainingAmountToCapture,
		long remainingAmountToRefund, String transactionText, String url, Instant initiatedAt, List<LogEntry> log,
		List<CallbackDelivery> callbacks, SimulatedUser user, Shipping shipping, String shippingDetailsError) {

	/**
	 * States of the derived state machine (guide §3.2).
	 */
	public enum Status {

		/**
		 * Initiated, the user has not acted.
		 */
		INITIATED,

		/**
		 * Approved and reserved, nothing captured.
		 */
		RESERVED,

		/**
		 * Part of the reservation captured.
		 */
		PARTIALLY_CAPTURED,

		/**
		 * Fully captured (or the rest released); also direct capture (SALE).
		 */
		CAPTURED,

		/**
		 * Part of the captured amount refunded.
		 */
		PARTIALLY_REFUNDED,

		/**
		 * Everything captured was refunded.
		 */
		REFUNDED,

		/**
		 * Cancelled by the user, or by the merchant before the user acted.
		 */
		CANCELLED,

		/**
		 * Timed out: the user did not act.
		 */
		REJECTED,

		/**
		 * The reservation failed.
		 */
		RESERVE_FAILED,

		/**
		 * Cancelled by the merchant after reservation.
		 */
		VOIDED;

		public boolean isFinal() {
			return this == CANCELLED || this == REJECTED || this == RESERVE_FAILED || this == VOIDED
					|| this == REFUNDED;
		}

	}

	/**
	 * Operations of the /details transaction log.
	 */
	public enum Operation {

		/**
		 * The merchant initiated.
		 */
		INITIATE,

		/**
		 * The user approved; amount reserved.
		 */
		RESERVE,

		/**
		 * Direct capture: reserved and captured at once.
		 */
		SALE,

		/**
		 * The merchant captured.
		 */
		CAPTURE,

		/**
		 * The merchant refunded.
		 */
		REFUND,

		/**
		 * Cancelled before reservation (user, merchant or timeout).
		 */
		CANCEL,

		/**
		 * The merchant cancelled a reservation.
		 */
		VOID

	}

	/**
	 * One transaction-log entry.
	 *
	 * @param operation the operation
	 * @param amount øre
	 * @param operationSuccess whether it succeeded
	 * @param transactionText the text
	 * @param transactionId Vipps' id, or null (INITIATE before the user opened it)
	 * @param requestId the merchant's X-Request-Id, "" when none
	 * @param timeStamp when
	 */
	public record LogEntry(Operation operation, long amount, boolean operationSuccess, String transactionText,
			String transactionId, String requestId, Instant timeStamp) {
	}

	/**
	 * One callback delivery attempt.
	 *
	 * @param callbackStatus the {@code transactionInfo.status} sent
	 * @param url where it was sent
	 * @param at when
	 * @param httpStatus the merchant's answer, -1 when none
	 * @param latency time to the answer (or the failure)
	 * @param error the transport error, or null
	 * @param injectedFault the fault applied (DROPPED, DELAYED, DUPLICATE, REORDERED), or
	 * null
	 */
	public record CallbackDelivery(String callbackStatus, String url, Instant at, int httpStatus, Duration latency,
			String error, String injectedFault) {

		public boolean delivered() {
			return this.httpStatus >= 200 && this.httpStatus < 300;
		}

	}

	/**
	 * The shipping the user chose.
	 *
	 * @param address the address
	 * @param shippingMethodId the method id
	 * @param shippingMethod the method's display name
	 * @param shippingCost NOK
	 */
	public record Shipping(SimulatedAddress address, String shippingMethodId, String shippingMethod,
			double shippingCost) {
	}

}
