package com.example.payments.facts;

import java.util.List;
import java.util.Optional;

import com.example.payments.facts.KnownFacts.PendingCommand;

/**
 * What one {@code /details} answer adds to what is known about a payment
 * ({@link DetailsFacts#read}).
 *
 * @param missingFacts facts not recorded yet and not claimed by a pending command: what
 * reconciliation publishes (source {@code RECONCILIATION})
 * @param commands one outcome per pending command, in the order they were given
 * @param undetermined history entries that cannot become facts yet (their
 * {@code operationSuccess} is missing): read {@code /details} again later
 * @param conflicts recorded facts {@code /details} contradicts (a recorded capture with
 * no entry, another kind of ending): for a person, e.g. as {@code PaymentOutcomeUnknown}
 * {@code CONFLICTING_FACTS}
 */
public record DetailsReading(List<PaymentFact> missingFacts, List<CommandOutcome> commands, List<String> undetermined,
		List<String> conflicts) {

	public DetailsReading {
		missingFacts = List.copyOf(missingFacts);
		commands = List.copyOf(commands);
		undetermined = List.copyOf(undetermined);
		conflicts = List.copyOf(conflicts);
	}

	/**
	 * The outcome of one pending command.
	 * @param commandId the command
	 * @return its outcome, or empty when it was not given as pending
	 */
	public Optional<CommandOutcome> outcomeOf(String commandId) {
		return this.commands.stream().filter((outcome) -> outcome.command().commandId().equals(commandId)).findFirst();
	}

	/**
	 * What {@code /details} says about a command that had no answer.
	 *
	 * @param command the pending command
	 * @param outcome what the history shows
	 * @param fact for {@link Outcome#APPLIED}: the fact, with the same id the command's
	 * own answer gives it; otherwise {@code null}
	 */
	public record CommandOutcome(PendingCommand command, Outcome outcome, PaymentFact fact) {

	}

	/**
	 * What the history shows about a pending command.
	 */
	public enum Outcome {

		/**
		 * No trace of it (yet): not applied, or not applied so far.
		 */
		NOT_SEEN,

		/**
		 * An entry with its request id and {@code operationSuccess: false}: Vipps refused
		 * it.
		 */
		NOT_APPLIED,

		/**
		 * Its entry has no {@code operationSuccess}: read again later.
		 */
		UNDETERMINED,

		/**
		 * It was applied; the outcome carries the fact. Publishing it is the command
		 * service's job; it carries the same id whoever publishes it.
		 */
		APPLIED

	}

}
