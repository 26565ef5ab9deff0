package com.example.payments.command.handling;

import java.time.Instant;
import java.util.List;

import com.example.payments.facts.PaymentFact;
import com.example.payments.schema.event.UnresolvedReason;

/**
 * What a command came to, before it is published.
 */
sealed interface CommandResult {

	/**
	 * The name of the outcome, for metrics and logs.
	 * @return {@code applied}, {@code failed}, {@code invalid} or {@code unknown}
	 */
	String outcome();

	/**
	 * Vipps applied it: the facts, with the ids every source computes.
	 *
	 * @param facts the facts
	 */
	record Facts(List<PaymentFact> facts) implements CommandResult {

		public Facts {
			facts = List.copyOf(facts);
		}

		static Facts of(PaymentFact fact) {
			return new Facts(List.of(fact));
		}

		@Override
		public String outcome() {
			return "applied";
		}

	}

	/**
	 * Not applied, and this service will not try again: {@code PaymentCommandFailed}.
	 *
	 * @param failure why
	 */
	record Failed(CommandFailure failure) implements CommandResult {

		@Override
		public String outcome() {
			return (this.failure.code().equals(CommandFailure.INVALID_COMMAND)) ? "invalid" : "failed";
		}

	}

	/**
	 * Vipps may have applied it and {@code /details} could not say:
	 * {@code PaymentOutcomeUnknown}, which reconciliation resolves.
	 *
	 * @param reason why it stays unresolved
	 * @param detail what was tried, for a person (no personal data)
	 * @param checks {@code /details} reads made
	 * @param firstCheckedAt the first read, or {@code null}
	 * @param lastCheckedAt the last read, or {@code null}
	 */
	record Unresolved(UnresolvedReason reason, String detail, int checks, Instant firstCheckedAt,
			Instant lastCheckedAt) implements CommandResult {

		@Override
		public String outcome() {
			return "unknown";
		}

	}

}
