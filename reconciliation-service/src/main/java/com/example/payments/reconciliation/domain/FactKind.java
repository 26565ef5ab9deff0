package com.example.payments.reconciliation.domain;

/**
 * The kinds of fact a payment's events record, as fine as the tracked state needs them.
 */
public enum FactKind {

	/** {@code PaymentInitiated} with its URL. */
	INITIATED,

	/** {@code PaymentInitiated} whose URL was lost: checked at once. */
	INITIATED_URL_LOST,

	/** {@code PaymentReserved}. */
	RESERVED,

	/** {@code PaymentCaptured} of a direct-capture sales unit (SALE). */
	DIRECT_CAPTURE,

	/** {@code PaymentCaptured} by the merchant. */
	CAPTURED,

	/** {@code PaymentRefunded}. */
	REFUNDED,

	/** {@code PaymentCancelled} before the user acted. */
	CANCELLED_BEFORE_RESERVE,

	/** {@code PaymentCancelled} of the whole reservation. */
	VOIDED,

	/** {@code PaymentCancelled} of what was left after captures. */
	RELEASED_REMAINING,

	/** {@code PaymentRejected}: the user cancelled, did not act in time, or it failed. */
	REJECTED,

	/** {@code PaymentCommandFailed}. */
	COMMAND_FAILED,

	/** {@code PaymentOutcomeUnknown}. */
	OUTCOME_UNKNOWN,

	/** {@code ReservationAgeing}. */
	RESERVATION_AGEING,

	/** {@code ShippingSelected} (its content, personal data, is not kept). */
	SHIPPING_SELECTED,

	/** {@code UserDetailsShared} (its content, personal data, is not kept). */
	USER_DETAILS_SHARED,

	/** An event type this build maps to nothing (kept in the history only). */
	OTHER;

	/**
	 * Whether a callback could have reported this fact: such a fact found only by polling
	 * is published after the callback grace, so a callback on its way is not overtaken.
	 * @return true for reservations, direct captures, rejections, shipping and profile
	 */
	public boolean callbackBorne() {
		return this == RESERVED || this == DIRECT_CAPTURE || this == REJECTED || this == SHIPPING_SELECTED
				|| this == USER_DETAILS_SHARED;
	}

}
