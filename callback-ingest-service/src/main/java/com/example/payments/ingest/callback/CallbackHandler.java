package com.example.payments.ingest.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.example.payments.ingest.callback.domain.CallbackDecision;
import com.example.payments.ingest.callback.domain.CallbackIntake;
import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.kafka.EventPublisher;
import com.example.payments.ingest.kafka.NotPublishedException;
import com.example.payments.ingest.web.Answers;
import com.example.payments.ingest.web.BodyTooLargeException;
import com.example.payments.ingest.web.EndpointPath;
import com.example.payments.ingest.web.IngestMetrics;
import com.example.payments.ingest.web.IngestMetrics.Endpoint;
import com.example.payments.ingest.web.RequestBodies;
import com.example.payments.schema.event.EventSource;
import com.example.payments.vipps.client.callback.CallbackStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST {callbackPrefix}/v2/payments/{orderId}}: Vipps' transaction-update
 * callback, sent once, never retried, waited for 3 seconds. Answered 200 (no body) only
 * after Kafka acknowledged every event of it; 503 when that does not happen within the
 * publishing budget (reconciliation then finds the facts); 400/401/413 with a JSON error
 * body, and no event, for anything that is not an authentic, readable callback.
 */
public final class CallbackHandler {

	private static final Logger logger = LoggerFactory.getLogger(CallbackHandler.class);

	private final CallbackIntake intake;

	private final EventPublisher publisher;

	private final RequestBodies bodies;

	private final IngestMetrics metrics;

	private final Clock clock;

	/**
	 * A handler.
	 * @param intake decides about each callback
	 * @param publisher writes its events
	 * @param bodies reads bodies within the size limit
	 * @param metrics the meters
	 * @param clock the clock
	 */
	public CallbackHandler(CallbackIntake intake, EventPublisher publisher, RequestBodies bodies, IngestMetrics metrics,
			Clock clock) {
		this.intake = intake;
		this.publisher = publisher;
		this.bodies = bodies;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * The route, under both spellings Vipps may build from the prefix.
	 * @param prefix the path of {@code callbackPrefix}
	 * @return the route
	 */
	public RouterFunction<ServerResponse> route(EndpointPath prefix) {
		String[] patterns = prefix.patterns("/v2/payments/{orderId}");
		return RouterFunctions.route(RequestPredicates.POST(patterns[0]).or(RequestPredicates.POST(patterns[1])),
				this::handle);
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		Instant received = this.clock.instant();
		String orderId = request.pathVariable("orderId");
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		return this.bodies.read(request)
			.flatMap((body) -> decided(this.intake.decide(orderId, authorization, body, received), orderId))
			.onErrorResume(BodyTooLargeException.class, (ex) -> refused(
					new CallbackDecision.Refused(new Refusal(Refusal.Reason.TOO_LARGE, ex.getMessage()), "none", null),
					orderId));
	}

	private Mono<ServerResponse> decided(CallbackDecision decision, String orderIdOfPath) {
		if (decision instanceof CallbackDecision.Accepted accepted) {
			return publish(accepted);
		}
		return refused((CallbackDecision.Refused) decision, orderIdOfPath);
	}

	private Mono<ServerResponse> publish(CallbackDecision.Accepted accepted) {
		this.metrics.authenticated(Endpoint.CALLBACK, accepted.verdict());
		return this.publisher.publish(accepted.facts(), EventSource.CALLBACK).then(Mono.defer(() -> {
			this.metrics.callback(accepted.statusTag(), "published");
			Instant vippsTime = accepted.callback().transactionInfo().timeStamp();
			if (vippsTime != null) {
				CallbackStatus status = accepted.callback().transactionInfo().knownStatus();
				this.metrics.callbackDelay(status, Duration.between(vippsTime, this.clock.instant()));
			}
			return ServerResponse.ok().build();
		})).onErrorResume(NotPublishedException.class, (ex) -> {
			this.metrics.callback(accepted.statusTag(), "unavailable");
			this.metrics.unavailable(Endpoint.CALLBACK, ex.reason());
			logger.warn(
					"Callback not published, answered 503; reconciliation will find its facts: msn={} "
							+ "orderId={} status={} cause={}: {}",
					accepted.callback().merchantSerialNumber(), accepted.callback().orderId(), accepted.statusTag(),
					ex.reason().tag(), ex.getMessage());
			return Answers.unavailable(ex);
		});
	}

	private Mono<ServerResponse> refused(CallbackDecision.Refused refused, String orderIdOfPath) {
		this.metrics.callback(refused.statusTag(), "refused");
		this.metrics.refused(Endpoint.CALLBACK, refused.refusal().reason());
		if (logger.isInfoEnabled()) {
			logger.info("Callback refused ({}): msn={} orderId={} reason={}: {}",
					refused.refusal().reason().httpStatus(), refused.msn(), orderIdOfPath,
					refused.refusal().reason().tag(), refused.refusal().message());
		}
		return Answers.refused(refused.refusal());
	}

}
