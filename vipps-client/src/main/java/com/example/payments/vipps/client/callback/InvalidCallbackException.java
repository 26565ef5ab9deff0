package com.example.payments.vipps.client.callback;

/**
 * A body of a call Vipps makes to us (a transaction-update callback, a shipping-details
 * request) that cannot be read. The message names what is wrong, never a personal value.
 *
 * @author vipps-client
 */
public class InvalidCallbackException extends IllegalArgumentException {

	/**
	 * A body that cannot be read.
	 * @param message what is wrong with it
	 */
	public InvalidCallbackException(String message) {
		super(message);
	}

}
