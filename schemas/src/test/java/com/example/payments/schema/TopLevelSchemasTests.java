package com.example.payments.schema;

import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TopLevelSchemas}.
 */
class TopLevelSchemasTests {

	@Test
	void mapsEachTopicToItsValueSchema() {
		assertThat(TopLevelSchemas.valueSchemaOf(Topics.PAYMENT_COMMANDS)).isEqualTo(PaymentCommand.getClassSchema());
		assertThat(TopLevelSchemas.valueSchemaOf(Topics.PAYMENT_EVENTS)).isEqualTo(PaymentEvent.getClassSchema());
		assertThat(TopLevelSchemas.valueSchemaOf(Topics.PAYMENT_CONSENTS)).isEqualTo(ConsentRevoked.getClassSchema());
		assertThat(TopLevelSchemas.valueSchemaOf(Topics.PAYMENT_SHIPPING_RULES))
			.isEqualTo(ExpressShippingRules.getClassSchema());
		assertThat(TopLevelSchemas.all()).extracting(Schema::getName)
			.containsExactly("PaymentCommand", "PaymentEvent", "ConsentRevoked", "ExpressShippingRules");
	}

	@Test
	void refusesTopicOutsideTheContract() {
		assertThatIllegalArgumentException().isThrownBy(() -> TopLevelSchemas.valueSchemaOf("payments.events.v1.dlt"))
			.withMessageContaining("'payments.events.v1.dlt' is not a topic of the payments contract");
	}

}
