package com.example.payments.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.PostCodeRange;
import com.example.payments.schema.shipping.ShippingOption;
import com.example.payments.schema.shipping.ShippingRule;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;

/**
 * Commands as order systems write them, for the command service's tests: the shared
 * builders of {@link PaymentCommandFixtures} where they fit, Avro's where a test needs
 * more (express shipping, releasing funds).
 */
final class Commands {

	private static final AtomicInteger ORDERS = new AtomicInteger();

	private Commands() {
	}

	static String newOrderId() {
		return "cmd-" + ORDERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 13);
	}

	static PaymentCommand initiate(String msn, String orderId, long amount) {
		return PaymentCommandFixtures.anInitiate().forOrder(msn, orderId).amount(amount).build();
	}

	static PaymentCommand expressWithStaticShipping(String msn, String orderId, long amount) {
		return command(msn, orderId,
				express(amount)
					.setStaticShippingOptions(
							List.of(new ShippingOption("posten", "Posten Servicepakke", 4_950L, true, 1),
									new ShippingOption("home", "Home delivery", 19_900L, false, 2)))
					.build());
	}

	static PaymentCommand expressWithShippingRules(String msn, String orderId, long amount) {
		ExpressShippingRules rules = new ExpressShippingRules(
				List.of(new ShippingRule(List.of("NO", "Norway"), List.of(new PostCodeRange("0001", "1299")),
						List.of(new ShippingOption("oslo-bike", "Bike courier, Oslo", 9_900L, true, null)))),
				List.of(new ShippingOption("posten", "Posten Servicepakke", 4_950L, true, null)));
		return command(msn, orderId, express(amount).setShippingRules(rules).build());
	}

	static PaymentCommand capture(String msn, String orderId, Long amount) {
		return command(msn, orderId,
				CapturePayment.newBuilder().setAmount(amount).setTransactionText("Shipped, tracking abc-123").build());
	}

	static PaymentCommand refund(String msn, String orderId, Long amount) {
		return command(msn, orderId,
				RefundPayment.newBuilder().setAmount(amount).setTransactionText("Returned one sock").build());
	}

	static PaymentCommand cancel(String msn, String orderId, boolean releaseRemainingFunds) {
		return command(msn, orderId,
				CancelPayment.newBuilder()
					.setTransactionText("Order cancelled")
					.setShouldReleaseRemainingFunds(releaseRemainingFunds)
					.build());
	}

	static PaymentCommand command(String msn, String orderId, Object body) {
		return PaymentCommand.newBuilder()
			.setCommandId(UUID.randomUUID().toString())
			.setMerchantSerialNumber(msn)
			.setOrderId(orderId)
			.setIssuedAt(Instant.now())
			.setCommand(body)
			.build();
	}

	private static InitiatePayment.Builder express(long amount) {
		return InitiatePayment.newBuilder()
			.setAmount(amount)
			.setTransactionText("Express socks")
			.setFallBack("https://shop.example.com/vipps/result")
			.setPaymentType(PaymentType.EXPRESS);
	}

}
