package com.example.payments.command.handling;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;

/**
 * Where the command service's facts go: payment events, and express shipping rules for
 * the ingest service. Both complete only once the broker acknowledged the records.
 */
public interface PaymentEventSink {

	/**
	 * Publish a payment's events, in order, under the payment's key.
	 * @param key the payment identity {@code "{msn}:{orderId}"}
	 * @param events the events
	 * @return completes when every event is acknowledged
	 */
	CompletableFuture<Void> publish(String key, List<PaymentEvent> events);

	/**
	 * Publish (or remove) an express payment's shipping rules.
	 * @param key the payment identity
	 * @param rules the rules, or {@code null} for a tombstone that removes them
	 * @return completes when acknowledged
	 */
	CompletableFuture<Void> publishShippingRules(String key, ExpressShippingRules rules);

}
