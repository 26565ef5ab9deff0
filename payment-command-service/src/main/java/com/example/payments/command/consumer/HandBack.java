package com.example.payments.command.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fires once, when a partition's records should stop waiting and be given back: the
 * partition is being revoked or the consumer stops. A handler that waits (a back-off, a
 * rate limit, a payment not yet reserved) completes with {@link RecordHandedBack} when it
 * fires; one in the middle of a call lets the call finish.
 */
public final class HandBack {

	private final CompletableFuture<Void> fired = new CompletableFuture<>();

	/**
	 * A signal that has not fired; fired by the consumer that owns it.
	 */
	public HandBack() {
	}

	/**
	 * Completes when the signal fires.
	 * @return the stage
	 */
	public CompletionStage<Void> fired() {
		return this.fired.copy();
	}

	/**
	 * Whether it has fired.
	 * @return {@code true} once fired
	 */
	public boolean hasFired() {
		return this.fired.isDone();
	}

	void fire() {
		this.fired.complete(null);
	}

}
