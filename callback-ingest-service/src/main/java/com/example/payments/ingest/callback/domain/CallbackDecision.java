package com.example.payments.ingest.callback.domain;

import java.util.List;

import com.example.payments.facts.PaymentFact;
import com.example.payments.ingest.domain.Refusal;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;

/**
 * What to do with one callback: publish its facts, or refuse it.
 */
public sealed interface CallbackDecision {

	/**
	 * The callback's status as a metric tag: the guide's name ({@code RESERVED} for
	 * {@code RESERVE} too), {@code UNKNOWN}, or {@code none} when the body could not be
	 * read that far.
	 * @return the tag value
	 */
	String statusTag();

	/**
	 * An authentic, readable callback: publish every fact, all or none, before answering.
	 *
	 * @param callback the callback
	 * @param facts its facts, never empty
	 * @param verdict which secret its token was made with
	 */
	record Accepted(TransactionUpdateCallback callback, List<PaymentFact> facts,
			CallbackAuthTokens.Verdict verdict) implements CallbackDecision {

		public Accepted {
			facts = List.copyOf(facts);
		}

		@Override
		public String statusTag() {
			return this.callback.transactionInfo().knownStatus().name();
		}

	}

	/**
	 * A callback that is not acted on.
	 *
	 * @param refusal why
	 * @param statusTag the status it carried, if it could be read
	 * @param msn its MSN, if it could be read (for the log)
	 */
	record Refused(Refusal refusal, String statusTag, String msn) implements CallbackDecision {
	}

}
