package com.example.payments.ingest.callback.domain;

import java.time.Instant;
import java.util.List;

import com.example.payments.facts.CallbackFacts;
import com.example.payments.facts.PaymentFact;
import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.domain.Refusal.Reason;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.client.callback.CallbackStatus;
import com.example.payments.vipps.client.callback.InvalidCallbackException;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;

/**
 * Decides what a transaction-update callback is worth, with no state: authentic (the
 * {@code Authorization} header is the payment's authToken under the current or the
 * previous secret), readable (the client's parser, with the guide's tolerances), about
 * the order in the path, with a status Vipps sends; then its facts, with the ids every
 * source computes ({@link CallbackFacts}). A duplicated or late callback gives the same
 * facts with the same ids, so deciding again is harmless.
 * <p>
 * The order of the checks: a missing header is refused before the body is read; the token
 * covers the MSN, which only the body carries, so a body that cannot be read is refused
 * as such even when its token is wrong.
 */
public final class CallbackIntake {

	private static final int MAX_QUOTED_STATUS = 40;

	private final CallbackAuthTokens tokens;

	/**
	 * An intake checking tokens made with these secrets.
	 * @param tokens the callback secrets
	 */
	public CallbackIntake(CallbackAuthTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Decide about one callback.
	 * @param pathOrderId the {@code orderId} of the path
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param body the raw body
	 * @param receivedAt when it arrived (the facts' time when Vipps gives none)
	 * @return accepted with its facts, or refused with the reason
	 */
	public CallbackDecision decide(String pathOrderId, String authorization, byte[] body, Instant receivedAt) {
		if (authorization == null || authorization.isBlank()) {
			return refused(Reason.MISSING_TOKEN,
					"the Authorization header must carry the payment's authToken (given at initiation)", null, null);
		}
		TransactionUpdateCallback callback;
		try {
			callback = TransactionUpdateCallback.parse(body);
		}
		catch (InvalidCallbackException ex) {
			return refused(ex.malformed() ? Reason.MALFORMED_BODY : Reason.INVALID_BODY, ex.getMessage(), null, null);
		}
		String status = callback.transactionInfo().knownStatus().name();
		if (!callback.orderId().equals(pathOrderId)) {
			return refused(Reason.ORDER_ID_MISMATCH, "the body's orderId is not the orderId of the path", status,
					callback.merchantSerialNumber());
		}
		CallbackAuthTokens.Verdict verdict = this.tokens.verify(callback.merchantSerialNumber(), callback.orderId(),
				authorization);
		if (!verdict.accepted()) {
			return refused(Reason.WRONG_TOKEN, "the Authorization header is not this payment's authToken", status,
					callback.merchantSerialNumber());
		}
		if (callback.transactionInfo().knownStatus() == CallbackStatus.UNKNOWN) {
			return refused(Reason.UNKNOWN_STATUS,
					"transactionInfo.status '" + quoted(callback.transactionInfo().status())
							+ "' is not one Vipps sends (RESERVED, RESERVE, SALE, CANCELLED, REJECTED, RESERVE_FAILED, "
							+ "SALE_FAILED)",
					status, callback.merchantSerialNumber());
		}
		if (callback.transactionInfo().amount() < 0) {
			return refused(Reason.INVALID_BODY, "transactionInfo.amount must not be negative", status,
					callback.merchantSerialNumber());
		}
		List<PaymentFact> facts;
		try {
			facts = CallbackFacts.of(callback, receivedAt);
		}
		catch (IllegalArgumentException ex) {
			// An MSN or orderId that is not valid, or a shipping cost in fractions of an
			// øre: the messages name the rule (and MSN/orderId, which are not personal).
			return refused(Reason.INVALID_BODY, ex.getMessage(), status, callback.merchantSerialNumber());
		}
		return new CallbackDecision.Accepted(callback, facts, verdict);
	}

	private static String quoted(String status) {
		String printable = status.replaceAll("[^\\x20-\\x7e]", "?");
		return (printable.length() > MAX_QUOTED_STATUS) ? printable.substring(0, MAX_QUOTED_STATUS) + "..." : printable;
	}

	private static CallbackDecision refused(Reason reason, String message, String status, String msn) {
		return new CallbackDecision.Refused(new Refusal(reason, message), (status != null) ? status : "none", msn);
	}

}
