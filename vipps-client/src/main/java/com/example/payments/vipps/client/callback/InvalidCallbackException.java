package com.example.payments.vipps.client.callback;

/**
 * A callback body that cannot be read as a transaction update. The message names what is
 * wrong, never a personal value.
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
