package com.example.payments.command.handling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Publishes through the {@link PaymentEventSink} until the broker acknowledges: a fact
 * Vipps applied must not be lost to a broker or registry outage, so it is sent again
 * (same record, same event id) until it is written, or until the command is handed back
 * (then its redelivery learns the fact again from Vipps). Sends start on the worker
 * threads, never on an HTTP event loop: a producer may block while the broker is away.
 */
final class Publishing {

	private static final Logger logger = LoggerFactory.getLogger(Publishing.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final PaymentEventSink sink;

	private final Scheduler workers;

	Publishing(PaymentEventSink sink, Scheduler workers) {
		this.sink = sink;
		this.workers = workers;
	}

	Mono<Void> events(CommandContext context, List<PaymentEvent> events) {
		return untilAcknowledged(context, () -> this.sink.publish(context.eventKey(), events), "events");
	}

	Mono<Void> shippingRules(CommandContext context, ExpressShippingRules rules) {
		return untilAcknowledged(context, () -> this.sink.publishShippingRules(context.eventKey(), rules),
				(rules != null) ? "shipping rules" : "the removal of shipping rules");
	}

	private Mono<Void> untilAcknowledged(CommandContext context, Supplier<CompletableFuture<Void>> send, String what) {
		// Sends start on a worker, and what follows the acknowledgement runs on one too,
		// not on the producer's network thread.
		Mono<Void> sent = Mono.defer(() -> Mono.fromFuture(send.get()))
			.subscribeOn(this.workers)
			.publishOn(this.workers)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF)
				.maxBackoff(MAX_BACKOFF)
				.doBeforeRetry((signal) -> logger.atWarn()
					.addKeyValue("msn", context.msn())
					.addKeyValue("orderId", context.orderId())
					.log("Publishing {} of command {} failed ({} attempts so far), trying again [msn={} orderId={}]: {}",
							what, context.commandId(), signal.totalRetries() + 1, context.msn(), context.orderId(),
							signal.failure().toString())));
		return Mono.firstWithSignal(sent, context.handedBack("publishing " + what));
	}

}
