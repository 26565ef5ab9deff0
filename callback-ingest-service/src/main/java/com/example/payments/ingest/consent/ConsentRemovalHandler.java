package com.example.payments.ingest.consent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.example.payments.ingest.consent.domain.ConsentGate;
import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.kafka.EventPublisher;
import com.example.payments.ingest.kafka.NotPublishedException;
import com.example.payments.ingest.web.Answers;
import com.example.payments.ingest.web.EndpointPath;
import com.example.payments.ingest.web.IngestMetrics;
import com.example.payments.ingest.web.IngestMetrics.Endpoint;
import com.example.payments.schema.consent.ConsentRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code DELETE {consentRemovalPrefix}/v2/consents/{userId}}: a user withdrew the consent
 * to share their data, and everyone who stored it must erase it. Published as
 * {@code ConsentRevoked} (keyed by the user id) and answered 200 once Kafka acknowledged
 * it. Vipps sends no {@code Authorization} header here, so the call is authenticated by
 * the secret last segment of the prefix and, optionally, the caller's address
 * ({@link ConsentGate}). The user id arrives URL-encoded (it may contain {@code / = +})
 * and is decoded exactly once, by the router. It is personal data: never logged.
 */
public final class ConsentRemovalHandler {

	private static final Logger logger = LoggerFactory.getLogger(ConsentRemovalHandler.class);

	private final ConsentGate gate;

	private final EventPublisher publisher;

	private final IngestMetrics metrics;

	private final Clock clock;

	/**
	 * A handler.
	 * @param gate decides whether a call may be acted on
	 * @param publisher writes the event
	 * @param metrics the meters
	 * @param clock the clock
	 */
	public ConsentRemovalHandler(ConsentGate gate, EventPublisher publisher, IngestMetrics metrics, Clock clock) {
		this.gate = gate;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * The route: the prefix's path without its secret segment, then the segment as a
	 * variable, so a wrong secret reaches the gate (counted, compared in constant time)
	 * instead of falling through to a 404.
	 * @param prefix the path of {@code consentRemovalPrefix}, secret segment included
	 * @return the route
	 */
	public RouterFunction<ServerResponse> route(EndpointPath prefix) {
		String[] patterns = prefix.parent().patterns("/{secret}/v2/consents/{userId}");
		patterns[1] = prefix.parent().path() + "/{secret}//v2/consents/{userId}";
		return RouterFunctions.route(RequestPredicates.DELETE(patterns[0]).or(RequestPredicates.DELETE(patterns[1])),
				this::handle);
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		String userId = request.pathVariable("userId");
		Optional<Refusal> refusal = this.gate.admit(request.pathVariable("secret"), source(request), userId);
		if (refusal.isPresent()) {
			this.metrics.consentRemoval("refused");
			this.metrics.refused(Endpoint.CONSENT_REMOVAL, refusal.get().reason());
			logger.warn("Consent-removal call refused ({}) from {}: {}", refusal.get().reason().tag(),
					request.remoteAddress().map(InetSocketAddress::getHostString).orElse("unknown"),
					refusal.get().message());
			return Answers.refused(refusal.get());
		}
		Instant now = this.clock.instant();
		ConsentRevoked revoked = ConsentRevoked.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setUserId(userId)
			.setRevokedAt(now)
			.setRecordedAt(now)
			.setMerchantSerialNumber(null)
			.build();
		return this.publisher.publish(revoked).then(Mono.defer(() -> {
			this.metrics.consentRemoval("published");
			logger.info("Consent revoked by a Vipps user: published ConsentRevoked eventId={}", revoked.getEventId());
			return ServerResponse.ok().build();
		})).onErrorResume(NotPublishedException.class, (ex) -> {
			this.metrics.consentRemoval("unavailable");
			this.metrics.unavailable(Endpoint.CONSENT_REMOVAL, ex.reason());
			logger.error("Consent revocation not published, answered 503 (Vipps does not say whether it calls again): "
					+ "cause={}: {}", ex.reason().tag(), ex.getMessage());
			return Answers.unavailable(ex);
		});
	}

	private static InetAddress source(ServerRequest request) {
		return request.remoteAddress().map(InetSocketAddress::getAddress).orElse(null);
	}

}
