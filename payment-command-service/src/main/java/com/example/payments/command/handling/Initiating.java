package com.example.payments.command.handling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.facts.CommandAnswerFacts;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.PostCodeRange;
import com.example.payments.schema.shipping.ShippingOption;
import com.example.payments.schema.shipping.ShippingRule;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.client.model.CustomerInfo;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.NokAmounts;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.ShippingDetails;
import reactor.core.publisher.Mono;

/**
 * Initiate: {@code POST /ecomm/v2/payments} from the command and the service's
 * configuration (the ingest service's prefixes, the authToken HMAC), then
 * {@code PaymentInitiated}. Vipps' initiate is not idempotent: an unknown outcome is
 * confirmed from {@code /details} before it is ever repeated, and "duplicate orderId" (a
 * redelivered command after a crash) is confirmed there too and published with the URL
 * lost. Address-dependent shipping rules are published, and acknowledged, before the
 * call: Vipps may ask the ingest service for shipping options within seconds.
 */
final class Initiating {

	private final VippsClient vipps;

	private final OutcomeSteps steps;

	private final Publishing publishing;

	private final MerchantEndpoints endpoints;

	private final CallbackAuthTokens authTokens;

	private final Clock clock;

	Initiating(VippsClient vipps, OutcomeSteps steps, Publishing publishing, MerchantEndpoints endpoints,
			CallbackAuthTokens authTokens, Clock clock) {
		this.vipps = vipps;
		this.steps = steps;
		this.publishing = publishing;
		this.endpoints = endpoints;
		this.authTokens = authTokens;
		this.clock = clock;
	}

	/**
	 * What is wrong with an initiate beyond what the client checks in the request.
	 * @param initiate the command's body
	 * @return the problems, empty when none
	 */
	static List<String> problems(InitiatePayment initiate) {
		List<String> problems = new ArrayList<>();
		boolean express = initiate.getPaymentType() == PaymentType.EXPRESS;
		if (initiate.getPaymentType() != PaymentType.REGULAR && !express) {
			problems.add("paymentType must be REGULAR or EXPRESS");
		}
		List<ShippingOption> statics = initiate.getStaticShippingOptions();
		boolean hasStatics = statics != null && !statics.isEmpty();
		if (express && !hasStatics && initiate.getShippingRules() == null) {
			problems.add("an EXPRESS payment needs staticShippingOptions or shippingRules");
		}
		if (!express && (statics != null || initiate.getShippingRules() != null)) {
			problems.add("staticShippingOptions and shippingRules are for EXPRESS payments only");
		}
		if (statics != null) {
			options(statics, "staticShippingOptions", problems);
			if (statics.stream().filter(ShippingOption::getIsDefault).count() > 1) {
				problems.add("at most one of staticShippingOptions may be the default");
			}
		}
		ExpressShippingRules rules = initiate.getShippingRules();
		if (rules != null && !hasStatics) {
			for (ShippingRule rule : rules.getRules()) {
				if (rule.getOptions().isEmpty()) {
					problems.add("every shipping rule needs at least one option");
				}
				options(rule.getOptions(), "shipping rule options", problems);
				for (PostCodeRange range : rule.getPostCodeRanges()) {
					if (!range.getFrom().matches("\\d{4}") || !range.getTo().matches("\\d{4}")
							|| range.getFrom().compareTo(range.getTo()) > 0) {
						problems.add("post-code ranges run from one four-digit post code to a later one");
					}
				}
			}
			options(rules.getFallbackOptions(), "fallbackOptions", problems);
		}
		return problems;
	}

	private static void options(List<ShippingOption> options, String where, List<String> problems) {
		if (options.stream().anyMatch((option) -> option.getShippingCost() < 0)) {
			problems.add(where + " must not have a negative shippingCost (øre)");
		}
	}

	Mono<CommandResult> run(CommandContext context) {
		InitiatePayment initiate = context.body(InitiatePayment.class);
		InitiatePaymentRequest request = request(context, initiate);
		ExpressShippingRules rules = (request.merchantInfo().shippingDetailsPrefix() != null)
				? initiate.getShippingRules() : null;
		if (rules == null) {
			return attempt(context, request, 1);
		}
		return this.publishing.shippingRules(context, rules)
			.then(attempt(context, request, 1))
			.flatMap(
					(result) -> (result instanceof CommandResult.Failed failed && !"34".equals(failed.failure().code()))
							// No payment came of it: nobody will ask for its shipping
							// options.
							? this.publishing.shippingRules(context, null).thenReturn(result) : Mono.just(result));
	}

	private Mono<CommandResult> attempt(CommandContext context, InitiatePaymentRequest request, int attempts) {
		return this.vipps.initiate(request)
			.flatMap((outcome) -> outcome.fold((applied) -> applied(context, applied),
					(refused) -> this.steps.refused(context, refused, attempts,
							(next) -> attempt(context, request, next), () -> duplicate(context, refused), null),
					(unknown) -> this.steps.unknown(context, unknown, attempts,
							(next) -> attempt(context, request, next))));
	}

	private Mono<CommandResult> applied(CommandContext context,
			VippsOutcome.Applied<PaymentInitiationResponse> applied) {
		PaymentInitiationResponse answer = applied.response();
		if (answer == null || answer.url() == null || answer.url().isBlank()) {
			return this.steps.confirmApplied(context, "the initiate was applied but its answer has no url");
		}
		return Mono.just(
				CommandResult.Facts.of(CommandAnswerFacts.initiated(context.command(), answer, this.clock.instant())));
	}

	// "Duplicate orderId": if /details shows the payment with this amount, it is ours
	// from an earlier delivery of the command (its URL is lost); otherwise the orderId
	// belongs to another payment.
	private Mono<CommandResult> duplicate(CommandContext context, VippsOutcome.NotApplied<?> refused) {
		long amount = context.body(InitiatePayment.class).getAmount();
		return this.steps.confirmRefused(context, refused, "Vipps has no payment of this orderId either")
			.map((result) -> {
				if (result instanceof CommandResult.Facts facts
						&& facts.facts().get(0).event() instanceof PaymentInitiated initiated
						&& initiated.getAmount() != amount) {
					return new CommandResult.Failed(CommandFailure.refusedFinally(refused,
							"The orderId is taken by another payment (of " + initiated.getAmount() + " øre, not "
									+ amount + "); initiate under a new orderId."));
				}
				return result;
			});
	}

	private InitiatePaymentRequest request(CommandContext context, InitiatePayment initiate) {
		boolean express = initiate.getPaymentType() == PaymentType.EXPRESS;
		List<ShippingDetails> statics = (express && initiate.getStaticShippingOptions() != null
				&& !initiate.getStaticShippingOptions().isEmpty())
						? initiate.getStaticShippingOptions().stream().map(Initiating::shippingDetails).toList() : null;
		boolean addressDependent = express && statics == null;
		MerchantInfo merchant = new MerchantInfo(context.msn(), this.endpoints.callbackPrefix(), initiate.getFallBack(),
				this.authTokens.tokenFor(context.msn(), context.orderId()),
				express ? this.endpoints.consentRemovalPrefix() : null,
				addressDependent ? this.endpoints.shippingDetailsPrefix() : null, statics,
				express ? com.example.payments.vipps.client.model.PaymentType.EXPRESS
						: com.example.payments.vipps.client.model.PaymentType.REGULAR,
				initiate.getIsApp() ? Boolean.TRUE : null);
		InitiateTransaction transaction = new InitiateTransaction(context.orderId(), initiate.getAmount(),
				initiate.getTransactionText(), initiate.getSkipLandingPage() ? Boolean.TRUE : null, initiate.getScope(),
				null);
		return new InitiatePaymentRequest(new CustomerInfo(initiate.getCustomerMobileNumber()), merchant, transaction);
	}

	private static ShippingDetails shippingDetails(ShippingOption option) {
		// Our contract is in øre; Vipps' shippingCost is NOK.
		return new ShippingDetails(option.getIsDefault() ? "Y" : "N", option.getPriority(),
				NokAmounts.fromOre(option.getShippingCost()), option.getShippingMethod(), option.getShippingMethodId());
	}

}
