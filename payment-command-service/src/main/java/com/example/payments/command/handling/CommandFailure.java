package com.example.payments.command.handling;

import java.util.List;

import com.example.payments.schema.event.ErrorCategory;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsNextStep;

/**
 * Why a command failed, as {@code PaymentCommandFailed} reports it: the category the
 * client classified (or ours for commands that never reached Vipps), Vipps' own code,
 * group and context id, what to do, and whether a person must act. Never secrets or
 * personal data: Vipps' messages name fields, not values.
 *
 * @param category the stable category
 * @param code Vipps' {@code errorCode}, or ours ({@link #INVALID_COMMAND},
 * {@code HTTP_503}, {@code TRANSPORT}, ...)
 * @param message what went wrong and what to do
 * @param group Vipps' {@code errorGroup}, or {@code null}
 * @param httpStatus Vipps' HTTP status, or {@code null} without an answer
 * @param contextId Vipps' {@code contextId}, or {@code null}
 * @param retryable whether the same command may succeed later
 * @param personMustAct whether a person must act first
 */
record CommandFailure(ErrorCategory category, String code, String message, String group, Integer httpStatus,
		String contextId, boolean retryable, boolean personMustAct) {

	/** Our code for a command this service refuses before calling Vipps. */
	static final String INVALID_COMMAND = "INVALID_COMMAND";

	/**
	 * A command that is invalid as written.
	 * @param problems what is wrong, one sentence each
	 * @return the failure
	 */
	static CommandFailure invalid(List<String> problems) {
		return new CommandFailure(ErrorCategory.VALIDATION, INVALID_COMMAND,
				"The command is invalid: " + String.join("; ", problems) + ". Correct it and send a new command.", null,
				null, null, false, true);
	}

	/**
	 * A command for a sales unit this service has no keys for.
	 * @param msn the MSN
	 * @return the failure
	 */
	static CommandFailure noCredentials(String msn) {
		return new CommandFailure(ErrorCategory.VALIDATION, "NO_CREDENTIALS",
				"No Vipps credentials are configured for MSN " + msn + " (own keys under vipps.client.merchants." + msn
						+ ", or partner keys under vipps.client.partner): "
						+ "a person configures them, then the same command can be sent again.",
				null, null, null, true, true);
	}

	/**
	 * A capture, cancel or refund of a payment whose initiate this service saw fail, so
	 * Vipps has no such payment.
	 * @param initiateCommandId the failed initiate
	 * @return the failure
	 */
	static CommandFailure neverInitiated(String initiateCommandId) {
		return new CommandFailure(
				ErrorCategory.VALIDATION, "NOT_INITIATED", "The payment was never initiated: its initiate command "
						+ initiateCommandId + " failed, so Vipps has no such payment. Initiate it first.",
				null, null, null, false, false);
	}

	/**
	 * A call Vipps refused.
	 * @param refused the client's outcome
	 * @param explanation what the command service learned besides, or {@code null}
	 * @return the failure
	 */
	static CommandFailure refused(VippsOutcome.NotApplied<?> refused, String explanation) {
		VippsNextStep step = refused.nextStep();
		return of(refused.failure(), true, refused.category().name(), explanation, advice(step),
				step == VippsNextStep.RETRY_SAME_KEY || step == VippsNextStep.WAIT_THEN_RETRY
						|| step == VippsNextStep.WAIT_FOR_RESERVATION,
				refused.personMustAct());
	}

	/**
	 * A call Vipps refused that will not succeed by sending it again as it is.
	 * @param refused the client's outcome
	 * @param explanation why it is final
	 * @return the failure, not retryable
	 */
	static CommandFailure refusedFinally(VippsOutcome.NotApplied<?> refused, String explanation) {
		return of(refused.failure(), true, refused.category().name(), explanation, "", false, refused.personMustAct());
	}

	/**
	 * A call whose outcome was unknown and that {@code /details} shows as failed.
	 * @param unknown the client's outcome
	 * @return the failure
	 */
	static CommandFailure shownFailed(VippsOutcome.Unknown<?> unknown) {
		return of(unknown.failure(), false, unknown.category().name(),
				"Its answer was unclear, and /details shows the operation as failed.", "", false, false);
	}

	private static CommandFailure of(VippsFailure failure, boolean refusal, String category, String explanation,
			String advice, boolean retryable, boolean personMustAct) {
		String code = (failure.errorCode() != null) ? failure.errorCode()
				: (failure.httpStatus() > 0) ? "HTTP_" + failure.httpStatus() : category;
		StringBuilder message = new StringBuilder();
		if (explanation != null && !explanation.isBlank()) {
			message.append(explanation).append(' ');
		}
		// A refusal without an HTTP status never reached Vipps (client validation, no
		// connection): the message is the client's.
		message.append((failure.httpStatus() > 0) ? "Vipps: " : refusal ? "Not sent to Vipps: " : "Observed: ")
			.append((failure.errorMessage() != null) ? failure.errorMessage().strip() : "no message");
		if (!advice.isEmpty()) {
			char last = message.charAt(message.length() - 1);
			message.append((last == '.' || last == '!' || last == '?') ? " " : ". ").append(advice);
		}
		return new CommandFailure(ErrorCategory.valueOf(category), code, message.toString(), failure.errorGroup(),
				(failure.httpStatus() > 0) ? failure.httpStatus() : null, failure.contextId(), retryable,
				personMustAct);
	}

	private static String advice(VippsNextStep step) {
		return switch (step) {
			case FIX_REQUEST -> "Correct the command and send a new one.";
			case GIVE_UP -> "This is final for the payment.";
			case GIVE_UP_TELL_PERSON ->
				"A person must look at it (credentials, the sales unit's set-up, or a Vipps code we do not know).";
			case RETRY_SAME_KEY -> "The same command may be sent again later.";
			case WAIT_THEN_RETRY -> "Vipps kept throttling it; the same command may be sent again later.";
			case WAIT_FOR_RESERVATION ->
				"The user did not approve in time; the same command may be sent again once the payment is reserved.";
			case READ_DETAILS_FIRST -> "";
		};
	}

}
