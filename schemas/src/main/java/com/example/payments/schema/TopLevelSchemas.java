package com.example.payments.schema;

import java.util.List;
import java.util.Map;

import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;
import org.apache.avro.Schema;

/**
 * The value schema of each topic: the top-level schemas whose evolution is guarded and
 * whose released versions are kept in {@code src/main/avro-released}.
 */
public final class TopLevelSchemas {

	private static final Map<String, Schema> BY_TOPIC = Map.of(Topics.PAYMENT_COMMANDS, PaymentCommand.getClassSchema(),
			Topics.PAYMENT_EVENTS, PaymentEvent.getClassSchema(), Topics.PAYMENT_CONSENTS,
			ConsentRevoked.getClassSchema(), Topics.PAYMENT_SHIPPING_RULES, ExpressShippingRules.getClassSchema());

	private TopLevelSchemas() {
	}

	/**
	 * Return every top-level schema, in topic-catalogue order.
	 * @return the current schemas of {@code PaymentCommand}, {@code PaymentEvent},
	 * {@code ConsentRevoked} and {@code ExpressShippingRules}
	 */
	public static List<Schema> all() {
		return List.of(PaymentCommand.getClassSchema(), PaymentEvent.getClassSchema(), ConsentRevoked.getClassSchema(),
				ExpressShippingRules.getClassSchema());
	}

	/**
	 * Return the value schema of a topic.
	 * @param topic one of the {@link Topics} constants
	 * @return its current value schema
	 * @throws IllegalArgumentException if the topic is not part of the contract
	 */
	public static Schema valueSchemaOf(String topic) {
		Schema schema = BY_TOPIC.get(topic);
		if (schema == null) {
			throw new IllegalArgumentException("'" + topic + "' is not a topic of the payments contract; known: "
					+ BY_TOPIC.keySet().stream().sorted().toList());
		}
		return schema;
	}

}
