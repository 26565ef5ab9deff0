package com.example.payments.vipps.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code merchantInfo.paymentType}, spelt exactly as Vipps does ("eComm", two m's).
 *
 * @author vipps-client
 */
public enum PaymentType {

	/** {@code eComm Regular Payment} (the default). */
	REGULAR("eComm Regular Payment"),

	/**
	 * {@code eComm Express Payment} (Vipps Hurtigkasse): needs a consent removal prefix.
	 */
	EXPRESS("eComm Express Payment");

	private final String value;

	PaymentType(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

}
