package com.example.payments.schema;

import java.time.Instant;
import java.util.List;

import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.Address;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.common.TransactionSummary;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.schema.shipping.PostCodeRange;
import com.example.payments.schema.shipping.ShippingOption;
import com.example.payments.schema.shipping.ShippingRule;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sample records of the contract for tests, taken from the Vipps guide's examples.
 */
final class ContractFixtures {

	static final String MSN = "123456";

	static final String ORDER_ID = "acme-shop-123-order124";

	static final PaymentKey PAYMENT = PaymentKey.of(MSN, ORDER_ID);

	static final Instant NOW = Instant.parse("2026-01-15T10:15:30.123Z");

	private ContractFixtures() {
	}

	static PaymentCommand expressInitiate() {
		ShippingOption posten = ShippingOption.newBuilder()
			.setShippingMethodId("posten-sp")
			.setShippingMethod("Posten Servicepakke")
			.setShippingCost(9900)
			.setIsDefault(true)
			.setPriority(1)
			.build();
		ShippingOption home = ShippingOption.newBuilder()
			.setShippingMethodId("home")
			.setShippingMethod("Home delivery")
			.setShippingCost(19900)
			.build();
		ExpressShippingRules rules = ExpressShippingRules.newBuilder()
			.setRules(List.of(ShippingRule.newBuilder()
				.setPostCodeRanges(List.of(PostCodeRange.newBuilder().setFrom("0001").setTo("1299").build()))
				.setOptions(List.of(posten, home))
				.build()))
			.setFallbackOptions(List.of(posten))
			.build();
		InitiatePayment initiate = InitiatePayment.newBuilder()
			.setAmount(20000)
			.setTransactionText("One pair of socks")
			.setFallBack("https://shop.example.com/vipps/result/" + ORDER_ID)
			.setPaymentType(PaymentType.EXPRESS)
			.setCustomerMobileNumber("91234567")
			.setShippingRules(rules)
			.build();
		return PaymentCommand.newBuilder()
			.setCommandId("0b6f3c1e-3c52-4e0f-a6f5-3c8f2f4d1a77")
			.setMerchantSerialNumber(MSN)
			.setOrderId(ORDER_ID)
			.setIssuedAt(NOW)
			.setCommand(initiate)
			.build();
	}

	static PaymentEvent captured() {
		PaymentCaptured captured = PaymentCaptured.newBuilder()
			.setAmount(10000)
			.setTransactionId("5001420058")
			.setSummary(new TransactionSummary(10000L, 10000L, 0L, 10000L))
			.build();
		return event(captured, EventSource.COMMAND, PaymentEventIds.capture(PAYMENT, "0b6f3c1e-capture-1"));
	}

	static PaymentEvent userDetailsShared() {
		UserDetailsShared details = UserDetailsShared.newBuilder()
			.setUserId("uiJskNQ6qNN1iwN891uuob==")
			.setFirstName("Ada")
			.setLastName("Lovelace")
			.setEmail("user@example.com")
			.setMobileNumber("12345678")
			.build();
		return event(details, EventSource.CALLBACK, PaymentEventIds.userDetailsShared(PAYMENT));
	}

	static PaymentEvent shippingSelected() {
		ShippingSelected shipping = ShippingSelected.newBuilder()
			.setShippingMethodId("posten-sp")
			.setShippingMethod("Posten Servicepakke")
			.setShippingCost(9900)
			.setDeliveryAddress(Address.newBuilder()
				.setAddressLine1("Dronning Eufemias gate 42")
				.setAddressLine2("Att: Rune Garborg")
				.setCity("OSLO")
				.setPostCode("0191")
				.setCountry("NO")
				.build())
			.build();
		return event(shipping, EventSource.CALLBACK, PaymentEventIds.shippingSelected(PAYMENT));
	}

	private static PaymentEvent event(SpecificRecord fact, EventSource source, String eventId) {
		return PaymentEvent.newBuilder()
			.setEventId(eventId)
			.setMerchantSerialNumber(MSN)
			.setOrderId(ORDER_ID)
			.setOccurredAt(NOW)
			.setOccurredAtOrigin(OccurredAtOrigin.VIPPS)
			.setRecordedAt(NOW.plusMillis(40))
			.setSource(source)
			.setEvent(fact)
			.build();
	}

}
