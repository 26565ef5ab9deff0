package com.example.payments.facts;

import java.time.Instant;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.PaymentType;

/**
 * Commands and Vipps answers for the mapper tests.
 */
final class FactFixtures {

	static final String MSN = "123456";

	static final String ORDER_ID = "acme-shop-123-order123abc";

	static final PaymentKey PAYMENT = PaymentKey.of(MSN, ORDER_ID);

	static final Instant LEARNED_AT = Instant.parse("2026-11-25T10:00:30Z");

	static final Instant VIPPS_TIME = Instant.parse("2026-11-25T10:00:05.123Z");

	private FactFixtures() {
	}

	static PaymentCommand initiate(String commandId, long amount, PaymentType type) {
		return command(commandId,
				InitiatePayment.newBuilder()
					.setAmount(amount)
					.setTransactionText("One pair of socks")
					.setFallBack("https://shop.example.com/result")
					.setPaymentType(type)
					.build());
	}

	static PaymentCommand capture(String commandId, Long amount) {
		return command(commandId, CapturePayment.newBuilder().setAmount(amount).setTransactionText("Shipped").build());
	}

	static PaymentCommand refund(String commandId, Long amount) {
		return command(commandId, RefundPayment.newBuilder().setAmount(amount).setTransactionText("Returned").build());
	}

	static PaymentCommand cancel(String commandId, boolean releaseRemaining) {
		return command(commandId,
				CancelPayment.newBuilder()
					.setTransactionText("Out of stock")
					.setShouldReleaseRemainingFunds(releaseRemaining)
					.build());
	}

	private static PaymentCommand command(String commandId, Object body) {
		return PaymentCommand.newBuilder()
			.setCommandId(commandId)
			.setMerchantSerialNumber(MSN)
			.setOrderId(ORDER_ID)
			.setIssuedAt(LEARNED_AT.minusSeconds(60))
			.setCommand(body)
			.build();
	}

}
