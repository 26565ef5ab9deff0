package com.example.payments.command.consumer;

/**
 * A record the handler can never process (readable, but not what the topic carries):
 * dead-lettered at once, never retried.
 */
public class UnprocessableRecord extends RuntimeException {

	/**
	 * Create the failure.
	 * @param message what is wrong with the record, for the dead letter's headers
	 */
	public UnprocessableRecord(String message) {
		super(message);
	}

}
