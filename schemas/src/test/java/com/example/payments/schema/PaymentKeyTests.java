package com.example.payments.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PaymentKey}.
 */
class PaymentKeyTests {

	@Test
	void buildsKeyFromMsnAndOrderId() {
		PaymentKey key = PaymentKey.of("123456", "acme-shop-123-order123abc");
		assertThat(key.asString()).isEqualTo("123456:acme-shop-123-order123abc");
		assertThat(key).hasToString("123456:acme-shop-123-order123abc");
	}

	@Test
	void parsesWhatItBuilds() {
		PaymentKey key = PaymentKey.of("12345", "A-b-9");
		assertThat(PaymentKey.parse(key.asString())).isEqualTo(key);
		assertThat(PaymentKey.parse("654321:order-1")).isEqualTo(new PaymentKey("654321", "order-1"));
	}

	@Test
	void acceptsFiftyCharacterOrderId() {
		String orderId = "a".repeat(50);
		assertThat(PaymentKey.of("123456", orderId).orderId()).isEqualTo(orderId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1234", "1234567", "12a456", " 12345", "" })
	void rejectsMsnThatIsNotFiveOrSixDigits(String msn) {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.of(msn, "order-1"))
			.withMessageStartingWith("merchantSerialNumber must be 5 or 6 digits, was '" + msn + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "order_1", "order 1", "ordre-æøå", "order:1" })
	void rejectsOrderIdOutsideVippsAlphabet(String orderId) {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.of("123456", orderId))
			.withMessageStartingWith("orderId must match ^[a-zA-Z0-9-]{1,50}$");
	}

	@Test
	void rejectsOrderIdLongerThanFiftyCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.of("123456", "a".repeat(51)))
			.withMessageContaining("orderId must match");
	}

	@Test
	void rejectsNullParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.of(null, "order-1"))
			.withMessage("merchantSerialNumber must be 5 or 6 digits, was null");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.of("123456", null))
			.withMessageEndingWith("was null");
	}

	@Test
	void rejectsKeyWithoutSeparator() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.parse("123456-order-1"))
			.withMessage("payment key must look like '{merchantSerialNumber}:{orderId}', was '123456-order-1'");
	}

	@Test
	void rejectsKeyWithSecondSeparator() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.parse("123456:order:1"))
			.withMessageContaining("orderId must match");
	}

	@Test
	void rejectsKeyWithPartsSwapped() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.parse("order-1:123456"))
			.withMessageContaining("merchantSerialNumber must be 5 or 6 digits, was 'order-1'");
	}

	@Test
	void capsEchoedValueInMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentKey.parse("x".repeat(500)))
			.withMessageEndingWith("x".repeat(64) + "...'");
	}

}
