package com.example.payments.vipps.client.callback;

/**
 * The callback statuses the guide lists (the spec's enums omit the two failures).
 *
 * @author vipps-client
 */
public enum CallbackStatus {

	/**
	 * The user approved and the amount is reserved: {@code RESERVED} (regular) or
	 * {@code RESERVE} (express), the same fact spelt two ways.
	 */
	RESERVED,

	/**
	 * Direct capture: reserved and captured in one step.
	 */
	SALE,

	/**
	 * The user cancelled in the app.
	 */
	CANCELLED,

	/**
	 * The user did not act in time.
	 */
	REJECTED,

	/**
	 * The reservation failed (card refused, no funds...).
	 */
	RESERVE_FAILED,

	/**
	 * The direct capture failed.
	 */
	SALE_FAILED,

	/**
	 * A status the guide does not list; nothing can be concluded from it.
	 */
	UNKNOWN;

	/**
	 * Read a status as Vipps sends it.
	 * @param status e.g. {@code RESERVE}, {@code RESERVED}, {@code SALE_FAILED}
	 * @return the status, {@link #UNKNOWN} for {@code null} or anything not listed
	 */
	public static CallbackStatus of(String status) {
		if (status == null) {
			return UNKNOWN;
		}
		return switch (status) {
			case "RESERVED", "RESERVE" -> RESERVED;
			case "SALE" -> SALE;
			case "CANCELLED" -> CANCELLED;
			case "REJECTED" -> REJECTED;
			case "RESERVE_FAILED" -> RESERVE_FAILED;
			case "SALE_FAILED" -> SALE_FAILED;
			default -> UNKNOWN;
		};
	}

}
