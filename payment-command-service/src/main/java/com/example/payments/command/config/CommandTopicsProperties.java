package com.example.payments.command.config;

import com.example.payments.schema.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topics the service reads and writes ({@code payments.command.topics.*}); the
 * defaults are the contract's (tests use their own). Dead letters go to
 * {@code <commands>.dlt}.
 *
 * @param commands where commands come from
 * @param events where events go
 * @param shippingRules the compacted topic of express shipping rules
 */
@ConfigurationProperties("payments.command.topics")
public record CommandTopicsProperties(@DefaultValue(Topics.PAYMENT_COMMANDS) String commands,
		@DefaultValue(Topics.PAYMENT_EVENTS) String events,
		@DefaultValue(Topics.PAYMENT_SHIPPING_RULES) String shippingRules) {

	public CommandTopicsProperties {
		require(commands, "commands");
		require(events, "events");
		require(shippingRules, "shipping-rules");
	}

	private static void require(String topic, String name) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("payments.command.topics." + name + " must not be blank");
		}
	}

}
