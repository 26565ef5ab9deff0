package com.example.payments.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Topics}.
 */
class TopicsTests {

	@Test
	void namesTheVersionedPaymentTopics() {
		assertThat(Topics.PAYMENT_COMMANDS).isEqualTo("payments.commands.v1");
		assertThat(Topics.PAYMENT_EVENTS).isEqualTo("payments.events.v1");
		assertThat(Topics.PAYMENT_CONSENTS).isEqualTo("payments.consents.v1");
		assertThat(Topics.PAYMENT_SHIPPING_RULES).isEqualTo("payments.shipping-rules.v1");
	}

	@Test
	void deadLetterTopicAppendsDltSuffix() {
		assertThat(Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS)).isEqualTo("payments.commands.v1.dlt");
		assertThat(Topics.isDeadLetterTopic("payments.commands.v1.dlt")).isTrue();
		assertThat(Topics.isDeadLetterTopic(Topics.PAYMENT_EVENTS)).isFalse();
	}

	@Test
	void refusesDeadLetterTopicOfDeadLetterTopic() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetterTopicOf("payments.events.v1.dlt"))
			.withMessageContaining("already a dead-letter topic");
	}

	@Test
	void refusesBlankTopic() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetterTopicOf(" "))
			.withMessage("topic must not be blank");
	}

}
