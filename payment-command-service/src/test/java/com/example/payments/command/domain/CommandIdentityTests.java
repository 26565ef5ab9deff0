package com.example.payments.command.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandIdentity}.
 */
class CommandIdentityTests {

	@Test
	void acceptsACommandIdOfFortyCharactersForItsPaymentsKey() {
		assertThat(CommandIdentity.problems("123456:order-1", "c".repeat(40), "123456", "order-1")).isEmpty();
	}

	@Test
	void rejectsACommandIdVippsCannotTakeAsXRequestId() {
		assertThat(CommandIdentity.problems("123456:order-1", "c".repeat(41), "123456", "order-1")).singleElement()
			.asString()
			.contains("commandId must be 1 to 40", "was 41 characters");
		assertThat(CommandIdentity.problems("123456:order-1", "", "123456", "order-1")).hasSize(1);
		assertThat(CommandIdentity.problems("123456:order-1", "with space", "123456", "order-1")).hasSize(1);
		assertThat(CommandIdentity.problems("123456:order-1", "nørsk", "123456", "order-1")).hasSize(1);
	}

	@Test
	void rejectsAnInvalidPaymentIdentity() {
		assertThat(CommandIdentity.problems("12:order 1", "cmd-1", "12", "order 1")).containsExactly(
				"merchantSerialNumber must be 5 or 6 digits", "orderId must match ^[a-zA-Z0-9-]{1,50}$ (Vipps' rule)");
		assertThat(CommandIdentity.problems("123456:" + "o".repeat(51), "cmd-1", "123456", "o".repeat(51))).hasSize(1);
		assertThat(CommandIdentity.isPayment("123456", "order-1")).isTrue();
		assertThat(CommandIdentity.isPayment("123456", "order_1")).isFalse();
	}

	@Test
	void rejectsARecordKeyThatIsNotThePaymentIdentity() {
		assertThat(CommandIdentity.problems("order-1", "cmd-1", "123456", "order-1")).singleElement()
			.asString()
			.contains("the record key must be the payment identity \"123456:order-1\"", "was \"order-1\"");
		assertThat(CommandIdentity.problems(null, "cmd-1", "123456", "order-1")).singleElement()
			.asString()
			.endsWith("was missing");
	}

}
