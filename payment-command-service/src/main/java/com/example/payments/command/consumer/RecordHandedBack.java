package com.example.payments.command.consumer;

/**
 * A record given back unfinished after its {@link HandBack} fired: not committed, so the
 * partition's next owner (or this service after a restart) handles it again.
 */
public class RecordHandedBack extends RuntimeException {

	/**
	 * Create the signal.
	 * @param what what was being waited for when the record was given back
	 */
	public RecordHandedBack(String what) {
		super("handed back while " + what, null, false, false);
	}

}
