package com.example.payments.command.handling;

import java.time.Clock;

import com.example.payments.facts.CommandAnswerFacts;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.error.VippsNextStep;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import reactor.core.publisher.Mono;

/**
 * Cancel: {@code PUT .../cancel}, optionally releasing what is left after partial
 * captures, then {@code PaymentCancelled}. Vipps takes no idempotency key here: an
 * unknown outcome is confirmed from {@code /details} before the cancel is ever repeated,
 * and a final refusal (a redelivered cancel meets its own earlier success as "not
 * allowed") is checked there too before it is reported as failed.
 */
final class Cancelling {

	private final VippsClient vipps;

	private final OutcomeSteps steps;

	private final Clock clock;

	Cancelling(VippsClient vipps, OutcomeSteps steps, Clock clock) {
		this.vipps = vipps;
		this.steps = steps;
		this.clock = clock;
	}

	Mono<CommandResult> run(CommandContext context) {
		return attempt(context, 1);
	}

	private Mono<CommandResult> attempt(CommandContext context, int attempts) {
		CancelPayment cancel = context.body(CancelPayment.class);
		CancelPaymentRequest request = cancel.getShouldReleaseRemainingFunds()
				? CancelPaymentRequest.releasingRemainingFunds(context.msn(), cancel.getTransactionText())
				: CancelPaymentRequest.of(context.msn(), cancel.getTransactionText());
		return this.vipps.cancel(context.orderId(), request)
			.flatMap(
					(outcome) -> outcome.fold(
							(applied) -> this.steps.applied(context,
									CommandAnswerFacts.cancelled(context.command(), applied.response(),
											this.clock.instant())),
							(refused) -> (refused.nextStep() == VippsNextStep.GIVE_UP)
									? this.steps.confirmRefused(context, refused, null)
									: this.steps.refused(context, refused, attempts, (next) -> attempt(context, next),
											null, null),
							(unknown) -> this.steps.unknown(context, unknown, attempts,
									(next) -> attempt(context, next))));
	}

}
