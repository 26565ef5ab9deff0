package com.example.payments.vipps.client.error;

import java.time.Duration;
import java.util.Map;

import com.example.payments.vipps.client.VippsOperation;

/**
 * What a failed Vipps call means, decided once from the HTTP status, the error group and
 * the error code (always together: 51, 93 and 98 mean different things in different
 * groups): whether the call may have been applied, who it is about, and what the caller
 * does next. The table is in the module README and every row has a test against the
 * simulator ({@code VippsOutcomeTableIT}).
 * <p>
 * The rules, in order:
 * <ol>
 * <li>HTTP 429 or {@code VippsError} 98: throttled, not applied; wait
 * {@code Retry-After}, or {@link #RATE_LIMIT_WINDOW} when Vipps sent none;</li>
 * <li>5xx, or {@code VippsError} 99 with any status: may have been applied;</li>
 * <li>a documented (group, code): its row;</li>
 * <li>anything else by status and group: 401/403 and {@code Authentication} a person
 * fixes the credentials; {@code InvalidRequest} the request is fixed; 409 is retried
 * later; other 4xx (undocumented codes included) a person looks at them; a status Vipps
 * never sends (1xx, 3xx) may have been applied.</li>
 * </ol>
 * Read-only operations (access token, details) change nothing, so what would be "may have
 * been applied" for them is simply "repeat later".
 *
 * @param category who or what the failure is about
 * @param mayHaveBeenApplied whether Vipps may have carried out the call (the outcome is
 * unknown); {@code false} means Vipps refused it or never received it
 * @param nextStep what the caller does
 * @param retryAfter how long to wait before {@link VippsNextStep#WAIT_THEN_RETRY}, else
 * {@code null}
 * @param personMustAct whether a person (operations, the merchant, a developer) must act
 * before this can succeed
 * @author vipps-client
 */
public record VippsErrorClassification(VippsErrorCategory category, boolean mayHaveBeenApplied, VippsNextStep nextStep,
		Duration retryAfter, boolean personMustAct) {

	/**
	 * How long to wait when Vipps throttles without {@code Retry-After}: its limits count
	 * per minute and per orderId, so a shorter wait would likely be throttled again.
	 */
	public static final Duration RATE_LIMIT_WINDOW = Duration.ofMinutes(1);

	private static final Rule NOT_APPLIED_FINAL = new Rule(false, VippsNextStep.GIVE_UP, false);

	private static final Rule NOT_APPLIED_WRONG_REQUEST = new Rule(false, VippsNextStep.FIX_REQUEST, true);

	private static final Rule NOT_APPLIED_SETUP = new Rule(false, VippsNextStep.GIVE_UP_TELL_PERSON, true);

	private static final Rule MAY_HAVE_BEEN_APPLIED = new Rule(true, VippsNextStep.READ_DETAILS_FIRST, false);

	private static final Rule NOT_APPLIED_CHECK_DETAILS = new Rule(false, VippsNextStep.READ_DETAILS_FIRST, false);

	/**
	 * The documented codes (guide, error codes), keyed {@code group/code}.
	 */
	private static final Map<String, Rule> DOCUMENTED = Map.ofEntries(Map.entry("Payment/41", NOT_APPLIED_FINAL),
			Map.entry("Payment/42", NOT_APPLIED_FINAL), Map.entry("Payment/43", NOT_APPLIED_FINAL),
			Map.entry("Payment/44", NOT_APPLIED_FINAL), Map.entry("Payment/45", NOT_APPLIED_FINAL),
			// Cancel after capture: refund instead.
			Map.entry("Payment/51", NOT_APPLIED_FINAL),
			// "Cancellation failed, reason unknown": check /details before anything.
			Map.entry("Payment/52", MAY_HAVE_BEEN_APPLIED), Map.entry("Payment/61", NOT_APPLIED_WRONG_REQUEST),
			Map.entry("Payment/62", new Rule(false, VippsNextStep.WAIT_FOR_RESERVATION, false)),
			// "Capture failed, reason unknown" (PSP trouble): it may have gone through.
			Map.entry("Payment/63", MAY_HAVE_BEEN_APPLIED), Map.entry("Payment/71", NOT_APPLIED_WRONG_REQUEST),
			// Refund of a reservation: cancel instead.
			Map.entry("Payment/72", NOT_APPLIED_FINAL), Map.entry("Payment/73", NOT_APPLIED_FINAL),
			// The settlement account lacks funds: a person tops it up, then the same key.
			Map.entry("Payment/74", new Rule(false, VippsNextStep.RETRY_SAME_KEY, true)),
			Map.entry("Payment/93", NOT_APPLIED_WRONG_REQUEST), Map.entry("Payment/95", NOT_APPLIED_FINAL),
			Map.entry("Payment/98", NOT_APPLIED_FINAL),
			// Test users only: a person approves one payment in the app.
			Map.entry("Payment/1082", NOT_APPLIED_SETUP),
			// Duplicate orderId: an earlier attempt of ours may have created it.
			Map.entry("Merchant/34", NOT_APPLIED_CHECK_DETAILS), Map.entry("Merchant/35", NOT_APPLIED_SETUP),
			Map.entry("User/81", NOT_APPLIED_FINAL), Map.entry("User/82", NOT_APPLIED_FINAL),
			Map.entry("VippsError/91", NOT_APPLIED_FINAL),
			// Already processed: confirm in /details, then it is done.
			Map.entry("VippsError/92", NOT_APPLIED_CHECK_DETAILS),
			Map.entry("VippsError/93", NOT_APPLIED_WRONG_REQUEST),
			Map.entry("VippsError/94", new Rule(false, VippsNextStep.RETRY_SAME_KEY, false)));

	public VippsErrorClassification {
		if (category == null || nextStep == null) {
			throw new IllegalArgumentException("category and nextStep are required");
		}
		if (mayHaveBeenApplied && nextStep != VippsNextStep.READ_DETAILS_FIRST) {
			throw new IllegalArgumentException("what may have been applied is resolved from /details first");
		}
		if ((retryAfter != null) != (nextStep == VippsNextStep.WAIT_THEN_RETRY)) {
			throw new IllegalArgumentException("a wait goes with WAIT_THEN_RETRY, and only with it");
		}
	}

	/**
	 * Classify an HTTP error answer.
	 * @param operation the operation whose exchange failed
	 * @param httpStatus the status (not 2xx)
	 * @param errorGroup the Vipps error group, or {@code null}
	 * @param errorCode the Vipps error code, or {@code null}
	 * @param retryAfter the parsed {@code Retry-After}, or {@code null}
	 * @return the classification
	 */
	public static VippsErrorClassification of(VippsOperation operation, int httpStatus, String errorGroup,
			String errorCode, Duration retryAfter) {
		VippsErrorCategory category = category(httpStatus, errorGroup);
		if (httpStatus == 429 || is(errorGroup, errorCode, "VippsError", "98")) {
			return new VippsErrorClassification(VippsErrorCategory.RATE_LIMITED, false, VippsNextStep.WAIT_THEN_RETRY,
					(retryAfter != null) ? retryAfter : RATE_LIMIT_WINDOW, false);
		}
		Rule rule;
		if (httpStatus >= 500 || is(errorGroup, errorCode, "VippsError", "99")) {
			rule = MAY_HAVE_BEEN_APPLIED;
		}
		else {
			rule = DOCUMENTED.get(errorGroup + "/" + errorCode);
			if (rule == null) {
				rule = byStatus(httpStatus, errorGroup);
			}
		}
		return rule.classify(operation, category);
	}

	/**
	 * Classify a call that got no usable HTTP answer.
	 * @param operation the operation
	 * @param requestSent whether the request may have reached Vipps (false only when the
	 * connection was never established)
	 * @return the classification
	 */
	public static VippsErrorClassification transport(VippsOperation operation, boolean requestSent) {
		Rule rule = requestSent ? MAY_HAVE_BEEN_APPLIED : new Rule(false, VippsNextStep.RETRY_SAME_KEY, false);
		return rule.classify(operation, VippsErrorCategory.TRANSPORT);
	}

	/**
	 * A request the client refused to send because it is invalid.
	 * @return the classification
	 */
	public static VippsErrorClassification invalidRequest() {
		return new VippsErrorClassification(VippsErrorCategory.VALIDATION, false, VippsNextStep.FIX_REQUEST, null,
				true);
	}

	/**
	 * A request the client could not send because of its own set-up (e.g. no credentials
	 * for the MSN), or a 2xx answer of a read whose body cannot be read.
	 * @param category the category
	 * @return the classification
	 */
	public static VippsErrorClassification needsAPerson(VippsErrorCategory category) {
		return new VippsErrorClassification(category, false, VippsNextStep.GIVE_UP_TELL_PERSON, null, true);
	}

	private static Rule byStatus(int httpStatus, String errorGroup) {
		if (httpStatus == 409) {
			// Conflict, no eCom explanation: the only conflict-like code is 94.
			return new Rule(false, VippsNextStep.RETRY_SAME_KEY, false);
		}
		if ("InvalidRequest".equals(errorGroup)) {
			return NOT_APPLIED_WRONG_REQUEST;
		}
		if (httpStatus >= 400) {
			// 401, 403, 404, Authentication, Merchant set-up, and any code Vipps does not
			// document.
			return NOT_APPLIED_SETUP;
		}
		// 1xx and 3xx are not Vipps answers: assume the worst.
		return MAY_HAVE_BEEN_APPLIED;
	}

	private static VippsErrorCategory category(int httpStatus, String errorGroup) {
		if (errorGroup != null) {
			switch (errorGroup) {
				case "Authentication":
					return VippsErrorCategory.AUTHENTICATION;
				case "InvalidRequest":
					return VippsErrorCategory.VALIDATION;
				case "Payment":
					return VippsErrorCategory.PAYMENT;
				case "Merchant":
					return VippsErrorCategory.MERCHANT;
				case "User":
					return VippsErrorCategory.USER;
				case "VippsError":
					return VippsErrorCategory.VIPPS_INTERNAL;
				default:
					// A group outside the spec's enum: trust the status only.
			}
		}
		if (httpStatus == 401 || httpStatus == 403) {
			return VippsErrorCategory.AUTHENTICATION;
		}
		if (httpStatus >= 400 && httpStatus < 500 && httpStatus != 409) {
			return VippsErrorCategory.VALIDATION;
		}
		return VippsErrorCategory.VIPPS_INTERNAL;
	}

	private static boolean is(String group, String code, String expectedGroup, String expectedCode) {
		return expectedGroup.equals(group) && expectedCode.equals(code);
	}

	/**
	 * One row of the table, before the operation is taken into account.
	 */
	private record Rule(boolean mayHaveBeenApplied, VippsNextStep nextStep, boolean personMustAct) {

		VippsErrorClassification classify(VippsOperation operation, VippsErrorCategory category) {
			boolean readOnly = operation == VippsOperation.ACCESS_TOKEN || operation == VippsOperation.DETAILS;
			if (readOnly && this.mayHaveBeenApplied) {
				return new VippsErrorClassification(category, false, VippsNextStep.RETRY_SAME_KEY, null, false);
			}
			return new VippsErrorClassification(category, this.mayHaveBeenApplied, this.nextStep, null,
					this.personMustAct);
		}

	}

}
