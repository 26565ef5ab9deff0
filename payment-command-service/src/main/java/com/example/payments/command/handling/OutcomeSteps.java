package com.example.payments.command.handling;

import java.util.function.IntFunction;
import java.util.function.Supplier;

import com.example.payments.command.domain.RetryPlan;
import com.example.payments.facts.AnswerFacts;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.vipps.client.VippsOutcome;
import reactor.core.publisher.Mono;

/**
 * What a call's outcome comes to, the same for every command (vipps-client's outcome
 * table, ADR 0007): applied becomes its facts (from {@code /details} when the answer
 * lacks them); refused is repeated after a wait when Vipps refused it for now, else
 * reported as failed; unknown is confirmed from {@code /details} and never reported as
 * failed unless {@code /details} shows it failed. Every wait delays only this command's
 * payment.
 */
final class OutcomeSteps {

	private final RetryPlan plan;

	private final DetailsCheck details;

	OutcomeSteps(RetryPlan plan, DetailsCheck details) {
		this.plan = plan;
		this.details = details;
	}

	/**
	 * A 2xx: the facts of the answer, or of {@code /details} when the answer lacks them.
	 * @param context the command
	 * @param answer what the answer establishes
	 * @return the result
	 */
	Mono<CommandResult> applied(CommandContext context, AnswerFacts answer) {
		if (answer instanceof AnswerFacts.Known known) {
			return Mono.just(CommandResult.Facts.of(known.fact()));
		}
		return confirmApplied(context, ((AnswerFacts.NeedsDetails) answer).reason());
	}

	/**
	 * A 2xx whose answer lacks what the event needs: take the fact from {@code /details};
	 * never call again.
	 * @param context the command
	 * @param why what the answer lacked
	 * @return the facts, or unresolved when {@code /details} cannot tell
	 */
	Mono<CommandResult> confirmApplied(CommandContext context, String why) {
		return this.details.confirm(context, true).map((confirmation) -> {
			if (confirmation instanceof DetailsCheck.Confirmation.Applied applied) {
				return CommandResult.Facts.of(applied.fact());
			}
			if (confirmation instanceof DetailsCheck.Confirmation.Unclear unclear) {
				return unclear.unresolved(why);
			}
			return new CommandResult.Unresolved(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR,
					why + ", and /details contradicts the 2xx", 0, null, null);
		});
	}

	/**
	 * A refusal: wait and call again when Vipps refused it for now, read {@code /details}
	 * or wait for the reservation when the client says so, else report it as failed.
	 * @param context the command
	 * @param refused the client's outcome
	 * @param attempts calls made so far, this one included
	 * @param again the next call, given the number it will be
	 * @param readDetails for {@code READ_DETAILS_FIRST}, or {@code null} to report it
	 * @param awaitReservation for {@code WAIT_FOR_RESERVATION}, or {@code null} to report
	 * it
	 * @return the result
	 */
	Mono<CommandResult> refused(CommandContext context, VippsOutcome.NotApplied<?> refused, int attempts,
			IntFunction<Mono<CommandResult>> again, Supplier<Mono<CommandResult>> readDetails,
			Supplier<Mono<CommandResult>> awaitReservation) {
		RetryPlan.Move move = this.plan.afterRefusal(refused.nextStep(), refused.personMustAct(), refused.retryAfter(),
				attempts);
		return switch (move.kind()) {
			case REPEAT -> context.sleep(move.delay(), "waiting to repeat a refused " + refused.operation().tag())
				.then(Mono.defer(() -> again.apply(attempts + 1)));
			case READ_DETAILS -> (readDetails != null) ? readDetails.get() : failed(refused);
			case AWAIT_RESERVATION -> (awaitReservation != null) ? awaitReservation.get() : failed(refused);
			case REPORT -> failed(refused);
		};
	}

	/**
	 * An unknown outcome: {@code /details} says whether it was applied; with no trace of
	 * it, calling again is safe (and done, within the plan); when it cannot say, the
	 * outcome stays unresolved for reconciliation.
	 * @param context the command
	 * @param unknown the client's outcome
	 * @param attempts calls made so far, this one included
	 * @param again the next call, given the number it will be
	 * @return the result
	 */
	Mono<CommandResult> unknown(CommandContext context, VippsOutcome.Unknown<?> unknown, int attempts,
			IntFunction<Mono<CommandResult>> again) {
		String what = "the " + unknown.operation().tag() + " may have been applied (" + unknown.failure().errorMessage()
				+ ")";
		return this.details.confirm(context, false).flatMap((confirmation) -> {
			if (confirmation instanceof DetailsCheck.Confirmation.Applied applied) {
				return Mono.just(CommandResult.Facts.of(applied.fact()));
			}
			if (confirmation instanceof DetailsCheck.Confirmation.Refused) {
				return Mono.just(new CommandResult.Failed(CommandFailure.shownFailed(unknown)));
			}
			if (confirmation instanceof DetailsCheck.Confirmation.Unclear unclear) {
				return Mono.just(unclear.unresolved(what));
			}
			RetryPlan.Move move = this.plan.afterNoTrace(attempts);
			if (move.kind() == RetryPlan.Move.Kind.REPEAT) {
				return context.sleep(move.delay(), "waiting to repeat an unclear " + unknown.operation().tag())
					.then(Mono.defer(() -> again.apply(attempts + 1)));
			}
			return Mono.<CommandResult>just(new CommandResult.Unresolved(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR,
					what + "; /details showed no trace of it after " + attempts + " calls", attempts, null, null));
		});
	}

	/**
	 * A refusal that an earlier delivery of the same command would also get, because it
	 * was applied then (a cancel of a cancelled payment, "duplicate orderId", "already
	 * processed"): {@code /details} tells whether it was; only when it shows no trace is
	 * the refusal reported as failed.
	 * @param context the command
	 * @param refused the client's outcome
	 * @param noTrace what to say when {@code /details} shows no trace of the command, or
	 * {@code null}
	 * @return the result
	 */
	Mono<CommandResult> confirmRefused(CommandContext context, VippsOutcome.NotApplied<?> refused, String noTrace) {
		return this.details.confirm(context, false).map((confirmation) -> {
			if (confirmation instanceof DetailsCheck.Confirmation.Applied applied) {
				return CommandResult.Facts.of(applied.fact());
			}
			if (confirmation instanceof DetailsCheck.Confirmation.Unclear unclear) {
				return unclear.unresolved("Vipps refused the " + refused.operation().tag() + " ("
						+ refused.failure().errorMessage() + "), and an earlier delivery of it may have been applied");
			}
			return new CommandResult.Failed(CommandFailure.refused(refused, noTrace));
		});
	}

	/**
	 * "Already processed" (VippsError 92) of a capture or refund: {@code /details} says
	 * whether it was; with no trace of it the same call (same {@code X-Request-Id}) is
	 * made again within the plan, since it cannot move money twice.
	 * @param context the command
	 * @param refused the client's outcome
	 * @param attempts calls made so far
	 * @param again the next call
	 * @return the result
	 */
	Mono<CommandResult> confirmOrRepeat(CommandContext context, VippsOutcome.NotApplied<?> refused, int attempts,
			IntFunction<Mono<CommandResult>> again) {
		return this.details.confirm(context, false).flatMap((confirmation) -> {
			if (confirmation instanceof DetailsCheck.Confirmation.Applied applied) {
				return Mono.just(CommandResult.Facts.of(applied.fact()));
			}
			if (confirmation instanceof DetailsCheck.Confirmation.Unclear unclear) {
				return Mono.just(unclear.unresolved("Vipps says the " + refused.operation().tag()
						+ " was already processed (" + refused.failure().errorMessage() + ")"));
			}
			RetryPlan.Move move = this.plan.afterNoTrace(attempts);
			if (confirmation instanceof DetailsCheck.Confirmation.NoTrace
					&& move.kind() == RetryPlan.Move.Kind.REPEAT) {
				return context.sleep(move.delay(), "waiting to repeat a " + refused.operation().tag())
					.then(Mono.defer(() -> again.apply(attempts + 1)));
			}
			return failed(refused);
		});
	}

	private static Mono<CommandResult> failed(VippsOutcome.NotApplied<?> refused) {
		return Mono.just(new CommandResult.Failed(CommandFailure.refused(refused, null)));
	}

}
