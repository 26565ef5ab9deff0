package com.example.payments.command.handling;

import java.time.Clock;
import java.time.Duration;

import com.example.payments.facts.CommandAnswerFacts;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import reactor.core.publisher.Mono;

/**
 * Capture and refund: {@code X-Request-Id} = the command id, so every repeat (the
 * client's, ours, a redelivery after a crash) is the same operation at Vipps and moves
 * money at most once; then {@code PaymentCaptured} / {@code PaymentRefunded} with the
 * amount and Vipps' totals. A capture refused because the user has not approved yet
 * (Payment 62) waits for the reservation, delaying only this payment.
 */
final class MovingMoney {

	private final VippsClient vipps;

	private final OutcomeSteps steps;

	private final DetailsCheck details;

	private final Clock clock;

	private final Duration reservationWait;

	private final Duration reservationPollInterval;

	MovingMoney(VippsClient vipps, OutcomeSteps steps, DetailsCheck details, Clock clock, Duration reservationWait,
			Duration reservationPollInterval) {
		this.vipps = vipps;
		this.steps = steps;
		this.details = details;
		this.clock = clock;
		this.reservationWait = reservationWait;
		this.reservationPollInterval = reservationPollInterval;
	}

	Mono<CommandResult> capture(CommandContext context) {
		return capture(context, 1);
	}

	Mono<CommandResult> refund(CommandContext context) {
		return refund(context, 1);
	}

	private Mono<CommandResult> capture(CommandContext context, int attempts) {
		CapturePayment capture = context.body(CapturePayment.class);
		return this.vipps
			.capture(context.orderId(), context.commandId(),
					PaymentActionsRequest.of(context.msn(), capture.getAmount(), capture.getTransactionText()))
			.flatMap(
					(outcome) -> outcome.fold(
							(applied) -> this.steps.applied(context,
									CommandAnswerFacts.captured(context.command(), applied.response(),
											this.clock.instant())),
							(refused) -> this.steps.refused(context, refused, attempts,
									(next) -> capture(context, next),
									() -> this.steps.confirmOrRepeat(context, refused, attempts,
											(next) -> capture(context, next)),
									() -> afterReservation(context, refused, attempts)),
							(unknown) -> this.steps.unknown(context, unknown, attempts,
									(next) -> capture(context, next))));
	}

	private Mono<CommandResult> refund(CommandContext context, int attempts) {
		RefundPayment refund = context.body(RefundPayment.class);
		return this.vipps
			.refund(context.orderId(), context.commandId(),
					PaymentActionsRequest.of(context.msn(), refund.getAmount(), refund.getTransactionText()))
			.flatMap(
					(outcome) -> outcome.fold(
							(applied) -> this.steps.applied(context,
									CommandAnswerFacts.refunded(context.command(), applied.response(),
											this.clock.instant())),
							(refused) -> this.steps.refused(context, refused, attempts, (next) -> refund(context, next),
									() -> this.steps.confirmOrRepeat(context, refused, attempts,
											(next) -> refund(context, next)),
									null),
							(unknown) -> this.steps.unknown(context, unknown, attempts,
									(next) -> refund(context, next))));
	}

	// Payment 62: read /details until the user approved, then capture with the same
	// X-Request-Id; the payment's later commands wait meanwhile.
	private Mono<CommandResult> afterReservation(CommandContext context, VippsOutcome.NotApplied<?> refused,
			int attempts) {
		return this.details.awaitReservation(context, this.reservationWait, this.reservationPollInterval)
			.flatMap((state) -> switch (state) {
				case RESERVED -> capture(context, attempts + 1);
				case ENDED -> Mono.just(new CommandResult.Failed(CommandFailure.refusedFinally(refused,
						"The payment ended without a reservation (cancelled, expired or failed), so nothing can be captured.")));
				case PENDING -> Mono.just(new CommandResult.Failed(CommandFailure.refused(refused,
						"The payment was not reserved within " + this.reservationWait.toSeconds() + " s.")));
			});
	}

}
