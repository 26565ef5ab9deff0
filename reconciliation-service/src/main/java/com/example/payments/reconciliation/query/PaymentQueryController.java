package com.example.payments.reconciliation.query;

import java.time.Duration;

import com.example.payments.reconciliation.query.forwarding.OwnerForwarding;
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

	private final OwnerForwarding owners = new OwnerForwarding(FORWARD_TIMEOUT);

	PaymentQueryController(StreamsBuilderFactoryBean streams, AdvertisedAddress address) {
		this.streams = streams;
		this.address = address;
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
		HttpHeaders headers = new HttpHeaders();
		headers.add(FORWARDED_BY, this.address.hostAndPort());
		return this.owners
			.get(owner.host(), owner.port(), "/payments/" + key.merchantSerialNumber() + "/" + key.orderId(), headers,
					ANSWERED_BY, HttpHeaders.RETRY_AFTER)
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
