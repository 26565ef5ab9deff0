package com.example.payments.command.handling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.example.payments.command.domain.Reservation;
import com.example.payments.command.domain.RetryPlan;
import com.example.payments.facts.DetailsFacts;
import com.example.payments.facts.DetailsReading.CommandOutcome;
import com.example.payments.facts.PaymentFact;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.model.PaymentDetails;
import reactor.core.publisher.Mono;

/**
 * Reads {@code GET /details}, the source of truth, for one command: whether a call whose
 * answer was lost, unclear or incomplete was applied ({@link DetailsFacts} with the
 * command as pending and this service's recent events as recorded), and whether a payment
 * is reserved yet. Reads are spaced ({@link RetryPlan#detailsDelay}), far below Vipps'
 * 120 a minute per order.
 */
final class DetailsCheck {

	private final VippsClient vipps;

	private final PaymentMemory memory;

	private final RetryPlan plan;

	private final Clock clock;

	DetailsCheck(VippsClient vipps, PaymentMemory memory, RetryPlan plan, Clock clock) {
		this.vipps = vipps;
		this.memory = memory;
		this.plan = plan;
		this.clock = clock;
	}

	/**
	 * What {@code /details} shows about the command.
	 * @param context the command
	 * @param expectApplied whether the call is known to be applied (a 2xx whose answer
	 * lacked what the event needs): then "no trace" is read again rather than believed
	 * @return the confirmation
	 */
	Mono<Confirmation> confirm(CommandContext context, boolean expectApplied) {
		return read(context, expectApplied, 1, null);
	}

	private Mono<Confirmation> read(CommandContext context, boolean expectApplied, int reads, Instant first) {
		return Mono.defer(() -> {
			Instant at = this.clock.instant();
			Instant firstAt = (first != null) ? first : at;
			return this.vipps.details(context.msn(), context.orderId())
				.map((details) -> classify(context, details, at))
				.onErrorResume(VippsApiException.class,
						(failure) -> Mono.just(failure.is("Merchant", "35") ? new Confirmation.NoTrace()
								: new Confirmation.Unclear(UnresolvedReason.DETAILS_UNAVAILABLE,
										"/details failed: " + failure.getMessage(), reads, firstAt, at)))
				.flatMap((confirmation) -> {
					boolean settled = confirmation instanceof Confirmation.Applied
							|| confirmation instanceof Confirmation.Refused
							|| (confirmation instanceof Confirmation.NoTrace && !expectApplied);
					if (settled) {
						return Mono.just(confirmation);
					}
					if (reads >= this.plan.detailsReads()) {
						return Mono.just(unclear(confirmation, reads, firstAt, at));
					}
					return context.sleep(this.plan.detailsDelay(reads), "waiting to read /details again")
						.then(read(context, expectApplied, reads + 1, firstAt));
				});
		});
	}

	/**
	 * Read {@code /details} until the payment is reserved or ended, or the wait is over.
	 * @param context the command waiting for the reservation
	 * @param maxWait the longest wait
	 * @param interval between reads
	 * @return the last state seen ({@link Reservation#PENDING} when the wait ran out)
	 */
	Mono<Reservation> awaitReservation(CommandContext context, Duration maxWait, Duration interval) {
		Instant deadline = this.clock.instant().plus(maxWait);
		return pollReservation(context, deadline, interval);
	}

	private Mono<Reservation> pollReservation(CommandContext context, Instant deadline, Duration interval) {
		return context.sleep(interval, "waiting for the payment's reservation")
			.then(this.vipps.details(context.msn(), context.orderId())
				.map((details) -> Reservation.of(details.transactionLogHistory()))
				.onErrorResume(VippsApiException.class,
						(failure) -> Mono.just(failure.is("Merchant", "35") ? Reservation.ENDED : Reservation.PENDING)))
			.flatMap((state) -> {
				if (state != Reservation.PENDING || !this.clock.instant().plus(interval).isBefore(deadline)) {
					return Mono.just(state);
				}
				return pollReservation(context, deadline, interval);
			});
	}

	private Confirmation classify(CommandContext context, PaymentDetails details, Instant at) {
		CommandOutcome outcome = DetailsFacts.read(details, this.memory.known(context.payment(), context.command()), at)
			.outcomeOf(context.commandId())
			.orElseThrow(() -> new IllegalStateException("the command was pending, yet has no outcome"));
		return switch (outcome.outcome()) {
			case APPLIED -> new Confirmation.Applied(outcome.fact());
			case NOT_APPLIED -> new Confirmation.Refused();
			case NOT_SEEN -> new Confirmation.NoTrace();
			case UNDETERMINED -> new Confirmation.Unclear(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR,
					"/details shows the operation without operationSuccess", 0, at, at);
		};
	}

	private static Confirmation.Unclear unclear(Confirmation last, int reads, Instant first, Instant at) {
		if (last instanceof Confirmation.Unclear unclear) {
			return new Confirmation.Unclear(unclear.reason(), unclear.detail() + " (" + reads + " reads)", reads, first,
					at);
		}
		return new Confirmation.Unclear(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR,
				"Vipps applied it, but /details shows no trace of it after " + reads + " reads", reads, first, at);
	}

	/**
	 * What {@code /details} shows about one command.
	 */
	sealed interface Confirmation {

		/**
		 * It was applied.
		 *
		 * @param fact the fact, with the id the command's own answer would give it
		 */
		record Applied(PaymentFact fact) implements Confirmation {

		}

		/**
		 * Its entry shows {@code operationSuccess: false}.
		 */
		record Refused() implements Confirmation {

		}

		/**
		 * No trace of it: not applied (so far).
		 */
		record NoTrace() implements Confirmation {

		}

		/**
		 * {@code /details} could not be read, or cannot tell.
		 *
		 * @param reason why
		 * @param detail for a person
		 * @param reads reads made
		 * @param first the first read
		 * @param last the last read
		 */
		record Unclear(UnresolvedReason reason, String detail, int reads, Instant first,
				Instant last) implements Confirmation {

			CommandResult.Unresolved unresolved(String what) {
				return new CommandResult.Unresolved(this.reason, what + ": " + this.detail, this.reads, this.first,
						this.last);
			}

		}

	}

}
