package com.example.payments.reconciliation.query;

import java.time.Duration;

import com.example.payments.reconciliation.tracking.ReconciliationTopology;
import com.example.payments.reconciliation.tracking.TrackedPaymentCodec;
import com.example.payments.schema.PaymentKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code GET /payments/{msn}/{orderId}}: the payment's tracked state and history
 * ({@link PaymentView}) from the instance that owns its partition. Another instance
 * forwards the request to the owner (once: a forwarded request the receiver does not own
 * either, during a rebalance, is 503 with {@code Retry-After}). The answer names the
 * instance that read its store in {@value #ANSWERED_BY}.
 */
@RestController
class PaymentQueryController {

	static final String FORWARDED_BY = "X-Reconciliation-Forwarded-By";

	static final String ANSWERED_BY = "X-Reconciliation-Instance";

	private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

	private final StreamsBuilderFactoryBean streams;

	private final AdvertisedAddress address;

	private final WebClient peers;

	PaymentQueryController(StreamsBuilderFactoryBean streams, AdvertisedAddress address) {
		this.streams = streams;
		this.address = address;
		// Only for this service's own instances; Vipps is called through vipps-client.
		this.peers = WebClient.create();
	}

	@GetMapping("/payments/{msn}/{orderId}")
	Mono<ResponseEntity<Object>> payment(@PathVariable String msn, @PathVariable String orderId,
			@RequestHeader(name = FORWARDED_BY, required = false) String forwardedBy) {
		PaymentKey key;
		try {
			key = PaymentKey.of(msn, orderId);
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(problem(HttpStatus.BAD_REQUEST, ex.getMessage()));
		}
		KafkaStreams kafkaStreams = this.streams.getKafkaStreams();
		if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
			return Mono.just(unavailable("the tracker is not running"));
		}
		KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(ReconciliationTopology.paymentsStore(),
				key.asString(), Serdes.String().serializer());
		if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
			return Mono.just(unavailable("no instance owns the payment's partition right now"));
		}
		if (this.address.isSelf(owner.activeHost())) {
			return Mono.fromCallable(() -> local(kafkaStreams, key)).subscribeOn(Schedulers.boundedElastic());
		}
		if (forwardedBy != null) {
			return Mono.just(unavailable("the payment's partition is moving between instances"));
		}
		return forward(owner.activeHost(), key);
	}

	private ResponseEntity<Object> local(KafkaStreams kafkaStreams, PaymentKey key) {
		byte[] stored;
		try {
			ReadOnlyKeyValueStore<String, byte[]> store = kafkaStreams.store(StoreQueryParameters.fromNameAndType(
					ReconciliationTopology.paymentsStore(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
			stored = store.get(key.asString());
		}
		catch (InvalidStateStoreException ex) {
			return unavailable("the payment's store is being restored or moved");
		}
		if (stored == null) {
			return problem(HttpStatus.NOT_FOUND, "reconciliation knows no payment " + key.asString());
		}
		return ResponseEntity.ok()
			.header(ANSWERED_BY, this.address.hostAndPort())
			.body(PaymentView.of(key, TrackedPaymentCodec.decode(stored)));
	}

	private Mono<ResponseEntity<Object>> forward(HostInfo owner, PaymentKey key) {
		return this.peers.get()
			.uri("http://{host}:{port}/payments/{msn}/{orderId}", owner.host(), owner.port(),
					key.merchantSerialNumber(), key.orderId())
			.header(FORWARDED_BY, this.address.hostAndPort())
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.timeout(FORWARD_TIMEOUT)
			.map((answer) -> {
				ResponseEntity.BodyBuilder relayed = ResponseEntity.status(answer.getStatusCode());
				HttpHeaders headers = answer.getHeaders();
				if (headers.getContentType() != null) {
					relayed.contentType(headers.getContentType());
				}
				String answeredBy = headers.getFirst(ANSWERED_BY);
				if (answeredBy != null) {
					relayed.header(ANSWERED_BY, answeredBy);
				}
				String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
				if (retryAfter != null) {
					relayed.header(HttpHeaders.RETRY_AFTER, retryAfter);
				}
				return relayed.<Object>body(answer.getBody());
			})
			.onErrorResume((failure) -> Mono
				.just(unavailable("the owning instance " + owner.host() + ":" + owner.port() + " did not answer")));
	}

	private static ResponseEntity<Object> unavailable(String detail) {
		ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, detail);
		return ResponseEntity.status(problem.getStatusCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem.getBody());
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
