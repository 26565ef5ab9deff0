package com.example.payments.command.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.payments.command.handling.PaymentEventSink;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Publishes to {@code payments.events.v1} and the compacted
 * {@code payments.shipping-rules.v1} under the payment key, through a template whose
 * producer waits for every in-sync replica ({@code acks=all}) and is idempotent, so
 * records of one payment keep their order and a retried send is written once.
 */
public final class KafkaPaymentEvents implements PaymentEventSink {

	private final KafkaOperations<String, Object> template;

	private final String eventsTopic;

	private final String shippingRulesTopic;

	/**
	 * Create the publisher.
	 * @param template a template writing Avro values
	 * @param eventsTopic the events topic
	 * @param shippingRulesTopic the shipping-rules topic
	 */
	public KafkaPaymentEvents(KafkaOperations<String, Object> template, String eventsTopic, String shippingRulesTopic) {
		this.template = template;
		this.eventsTopic = eventsTopic;
		this.shippingRulesTopic = shippingRulesTopic;
	}

	@Override
	public CompletableFuture<Void> publish(String key, List<PaymentEvent> events) {
		CompletableFuture<?>[] sent = events.stream()
			.map((event) -> this.template.send(this.eventsTopic, key, event))
			.toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(sent);
	}

	@Override
	public CompletableFuture<Void> publishShippingRules(String key, ExpressShippingRules rules) {
		return this.template.send(this.shippingRulesTopic, key, rules).thenApply((result) -> null);
	}

}
