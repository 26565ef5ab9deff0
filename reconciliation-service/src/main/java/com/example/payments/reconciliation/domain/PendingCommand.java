package com.example.payments.reconciliation.domain;

/**
 * A command of the payment without a recorded answer yet.
 *
 * @param commandId its id
 * @param kind what it does
 * @param amount øre; {@code null} for "the rest" and for cancel
 * @param express for an initiate: whether it is an express checkout
 * @param handedOverAtMillis when the command service published
 * {@code PaymentOutcomeUnknown} for it and left its outcome to reconciliation; negative
 * while the command service still owns it
 */
public record PendingCommand(String commandId, CommandKind kind, Long amount, boolean express,
		long handedOverAtMillis) {

	public PendingCommand {
		if (commandId == null || commandId.isBlank()) {
			throw new IllegalArgumentException("commandId must not be blank");
		}
		if (kind == null) {
			throw new IllegalArgumentException("kind is required");
		}
	}

	/**
	 * Whether reconciliation resolves this command's outcome.
	 * @return true once the command service handed it over
	 */
	public boolean handedOver() {
		return this.handedOverAtMillis >= 0;
	}

	PendingCommand handOver(long atMillis) {
		return handedOver() ? this : new PendingCommand(this.commandId, this.kind, this.amount, this.express, atMillis);
	}

}
