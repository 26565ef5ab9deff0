package com.example.payments.schema;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips of the generated classes through Avro binary, including the union branches
 * and logical types every service relies on.
 */
class ContractSerializationTests {

	@Test
	void paymentCommandSurvivesRoundTrip() throws IOException {
		PaymentCommand command = ContractFixtures.expressInitiate();
		ByteBuffer bytes = PaymentCommand.getEncoder().encode(command);
		PaymentCommand read = PaymentCommand.getDecoder().decode(bytes);
		assertThat(read).isEqualTo(command);
		assertThat(read.getIssuedAt()).isEqualTo(ContractFixtures.NOW);
		assertThat(read.getCommand()).isInstanceOfSatisfying(InitiatePayment.class, (initiate) -> {
			assertThat(initiate.getPaymentType()).isEqualTo(PaymentType.EXPRESS);
			assertThat(initiate.getShippingRules().getRules().get(0).getOptions()).hasSize(2);
		});
	}

	@Test
	void paymentEventSurvivesRoundTrip() throws IOException {
		PaymentEvent event = ContractFixtures.captured();
		PaymentEvent read = PaymentEvent.getDecoder().decode(PaymentEvent.getEncoder().encode(event));
		assertThat(read).isEqualTo(event);
		assertThat(read.getEvent()).isInstanceOfSatisfying(PaymentCaptured.class,
				(captured) -> assertThat(captured.getSummary().getRemainingAmountToRefund()).isEqualTo(10000L));
	}

	@Test
	void defaultsMakeMinimalCommandsShort() {
		InitiatePayment initiate = InitiatePayment.newBuilder()
			.setAmount(20000)
			.setTransactionText("One pair of socks")
			.setFallBack("https://shop.example.com/result")
			.build();
		assertThat(initiate.getPaymentType()).isEqualTo(PaymentType.REGULAR);
		assertThat(initiate.getIsApp()).isFalse();
		assertThat(initiate.getStaticShippingOptions()).isNull();
		CapturePayment capture = CapturePayment.newBuilder().setTransactionText("Shipped").build();
		assertThat(capture.getAmount()).as("null captures the remaining amount").isNull();
	}

}
