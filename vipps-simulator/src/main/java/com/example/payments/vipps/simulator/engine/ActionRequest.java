package com.example.payments.vipps.simulator.engine;

import com.example.payments.vipps.simulator.SimulatedMerchant;
import tools.jackson.databind.JsonNode;

/**
 * A validated capture, cancel or refund body ({@code PaymentActionsRequest},
 * {@code CancelPaymentActionRequest}).
 *
 * @param amount øre, or null for "the rest"
 * @param text transactionText
 */
record ActionRequest(Long amount, String text) {

	static ActionRequest parse(JsonNode body, SimulatedMerchant merchant, boolean amountAllowed) {
		if (body == null || !body.isObject()) {
			throw VippsApiException.internal("The request body is not a JSON object.");
		}
		InitiateValidator.merchantSerialNumber(InitiateValidator.object(body, "merchantInfo"), merchant);
		JsonNode transaction = InitiateValidator.object(body, "transaction");
		String text = InitiateValidator.string(transaction, "transactionText", true, 100);
		Long amount = null;
		JsonNode amountNode = transaction.get("amount");
		if (amountAllowed && amountNode != null && !amountNode.isNull()) {
			if (!amountNode.isIntegralNumber()) {
				throw VippsApiException.internal("An internal error occurred.");
			}
			amount = amountNode.asLong();
			if (amount < 0 || (amount > 0 && amount < 100)) {
				throw VippsApiException.invalid("amount", "amount must be at least 100 (øre), or 0 for the rest");
			}
		}
		return new ActionRequest(amount, text);
	}

	/**
	 * What idempotency compares: the amount (absent, null and 0 mean the same) and text.
	 * @return the canonical payload
	 */
	String canonical() {
		return ((this.amount != null) ? this.amount : 0) + "\n" + this.text;
	}

}
