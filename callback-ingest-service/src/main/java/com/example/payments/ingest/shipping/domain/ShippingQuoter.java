package com.example.payments.ingest.shipping.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.domain.Refusal.Reason;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;

/**
 * Answers a shipping-details call: finds which payment it is about, checks that the
 * {@code Authorization} header is that payment's authToken, and quotes the options for
 * the address from the payment's rules, or the configured defaults when no rules are
 * known for it.
 * <p>
 * The call names only the orderId, while the token covers MSN and orderId: the MSN is
 * found among the sales units that published rules for that orderId, then among the
 * configured ones (so that a payment whose rules are unknown can still be authenticated
 * and answered with the defaults). Each candidate costs one HMAC.
 */
public final class ShippingQuoter {

	private final ShippingRulesStore store;

	private final CallbackAuthTokens tokens;

	private final List<String> configuredMerchants;

	private final List<ShippingOption> defaultOptions;

	/**
	 * A quoter.
	 * @param store every payment's rules
	 * @param tokens the callback secrets
	 * @param configuredMerchants the MSNs this deployment serves, tried when no rules
	 * name the orderId
	 * @param defaultOptions the options for a payment without rules
	 */
	public ShippingQuoter(ShippingRulesStore store, CallbackAuthTokens tokens, List<String> configuredMerchants,
			List<ShippingOption> defaultOptions) {
		this.store = store;
		this.tokens = tokens;
		this.configuredMerchants = List.copyOf(configuredMerchants);
		this.defaultOptions = List.copyOf(defaultOptions);
	}

	/**
	 * Check that a call carries a payment's token, before its body is read.
	 * @param orderId the orderId of the path
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @return the authenticated payment, or the refusal
	 */
	public Authentication authenticate(String orderId, String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return new Authentication.Refused(new Refusal(Reason.MISSING_TOKEN,
					"the Authorization header must carry the payment's authToken (given at initiation)"));
		}
		List<String> candidates = new ArrayList<>(this.store.merchantsOf(orderId));
		for (String msn : this.configuredMerchants) {
			if (!candidates.contains(msn)) {
				candidates.add(msn);
			}
		}
		for (String msn : candidates) {
			CallbackAuthTokens.Verdict verdict = this.tokens.verify(msn, orderId, authorization);
			if (verdict.accepted()) {
				return new Authentication.Authenticated(msn, verdict);
			}
		}
		return new Authentication.Refused(new Refusal(Reason.WRONG_TOKEN,
				"the Authorization header is not the authToken of a payment with this orderId"));
	}

	/**
	 * The options for an address.
	 * @param msn the authenticated payment's MSN
	 * @param orderId its orderId
	 * @param address the address Vipps asks about
	 * @return the options and where they came from
	 */
	public Quote quote(String msn, String orderId, ShippingAddress address) {
		Optional<ShippingRules> rules = this.store.rulesOf(msn, orderId);
		return rules.map((known) -> new Quote(known.optionsFor(address), false))
			.orElseGet(() -> new Quote(this.defaultOptions, true));
	}

	/**
	 * Who a shipping-details call is from.
	 */
	public sealed interface Authentication {

		/**
		 * The call carries the token of this payment.
		 *
		 * @param msn the payment's MSN
		 * @param verdict which secret made the token
		 */
		record Authenticated(String msn, CallbackAuthTokens.Verdict verdict) implements Authentication {
		}

		/**
		 * Not acted on.
		 *
		 * @param refusal why
		 */
		record Refused(Refusal refusal) implements Authentication {
		}

	}

	/**
	 * The options for an address.
	 *
	 * @param options the options, possibly empty ("no shipping methods")
	 * @param fallback {@code true} when the payment's rules are unknown and the
	 * configured defaults were used
	 */
	public record Quote(List<ShippingOption> options, boolean fallback) {
	}

}
