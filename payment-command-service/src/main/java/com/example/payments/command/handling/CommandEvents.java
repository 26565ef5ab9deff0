package com.example.payments.command.handling;

import java.time.Instant;
import java.util.List;

import com.example.payments.facts.PaymentFact;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentState;

/**
 * The events that report a command's result, with the ids of {@link PaymentEventIds}: the
 * facts as {@code payment-facts} made them; {@code PaymentCommandFailed} under the
 * command's id (or, for a command whose id is blank, its record's place on the topic);
 * {@code PaymentOutcomeUnknown} under the pending command's id. So a redelivered command
 * reports the same result under the same id.
 */
final class CommandEvents {

	private CommandEvents() {
	}

	static List<PaymentEvent> of(CommandContext context, CommandResult result, Instant now) {
		if (result instanceof CommandResult.Facts facts) {
			return facts.facts().stream().map((fact) -> event(fact, now)).toList();
		}
		if (result instanceof CommandResult.Failed failed) {
			return List.of(failed(context, failed.failure(), now));
		}
		return List.of(unresolved(context, (CommandResult.Unresolved) result, now));
	}

	private static PaymentEvent event(PaymentFact fact, Instant now) {
		return fact.toEvent(EventSource.COMMAND, now);
	}

	private static PaymentEvent failed(CommandContext context, CommandFailure failure, Instant now) {
		String reference = (context.commandId() != null && !context.commandId().isBlank()) ? context.commandId()
				: context.source();
		PaymentCommandFailed body = PaymentCommandFailed.newBuilder()
			.setCommandType(context.type())
			.setErrorCategory(failure.category())
			.setErrorCode(failure.code())
			.setErrorMessage(failure.message())
			.setErrorGroup(failure.group())
			.setHttpStatus(failure.httpStatus())
			.setContextId(failure.contextId())
			.setRetryable(failure.retryable())
			.setPersonMustAct(failure.personMustAct())
			.build();
		return envelope(PaymentEventIds.commandFailed(context.msn(), context.orderId(), reference), context, body, now);
	}

	private static PaymentEvent unresolved(CommandContext context, CommandResult.Unresolved unresolved, Instant now) {
		PaymentOutcomeUnknown body = PaymentOutcomeUnknown.newBuilder()
			.setLastKnownState(PaymentState.UNKNOWN)
			.setReason(unresolved.reason())
			.setDetail(unresolved.detail())
			.setPendingCommandType(context.type())
			.setAttempts(unresolved.checks())
			.setFirstCheckedAt(unresolved.firstCheckedAt())
			.setLastCheckedAt(unresolved.lastCheckedAt())
			.build();
		return envelope(PaymentEventIds.outcomeUnknown(context.payment(), context.commandId()), context, body, now);
	}

	private static PaymentEvent envelope(String eventId, CommandContext context, Object body, Instant now) {
		return PaymentEvent.newBuilder()
			.setEventId(eventId)
			.setMerchantSerialNumber(context.msn())
			.setOrderId(context.orderId())
			.setOccurredAt(now)
			.setOccurredAtOrigin(OccurredAtOrigin.LEARNED)
			.setRecordedAt(now)
			.setSource(EventSource.COMMAND)
			.setCommandId(context.commandId())
			.setEvent(body)
			.build();
	}

}
