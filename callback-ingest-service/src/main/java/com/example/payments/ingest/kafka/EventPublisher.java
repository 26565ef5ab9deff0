package com.example.payments.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.example.payments.facts.PaymentFact;
import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes the events of one call to Kafka and completes when Kafka acknowledged all of
 * them ({@code acks=all}, idempotent producer), so a call is answered 200 only for events
 * that are durable. Nothing blocks the event loop that calls it:
 * <ul>
 * <li>the producer never waits in {@code send}: it runs with {@code max.block.ms=0}
 * ({@link #PRODUCER_OVERRIDES}), so a send that would have to wait for the topic's
 * metadata (lost in a broker outage) or for buffer space fails at once, and the call is
 * answered 503 at once instead of holding an event-loop thread;</li>
 * <li>the producer's own acknowledgement completes the {@link Mono}: no
 * {@code get()};</li>
 * <li>schemas and topic metadata are resolved before the service is ready
 * ({@link #warmUp}); until then calls are refused at once, so the first call never waits
 * on the registry;</li>
 * <li>records not yet acknowledged are counted, and above {@code maxPendingRecords} calls
 * are refused at once instead of filling the producer's buffer;</li>
 * <li>the budget ({@code timeout}) bounds the wait for the acknowledgement.</li>
 * </ul>
 * The events of one call go to one partition (one payment key) in order; an answer waits
 * for all of them, so a partial write is never acknowledged as complete.
 */
public final class EventPublisher implements AutoCloseable {

	/**
	 * Producer settings that are not configurable: a 200 means durable, and {@code send}
	 * must never wait on an event loop.
	 */
	public static final Map<String, Object> PRODUCER_OVERRIDES = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);

	private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

	private final Producer<String, Object> producer;

	private final Serializer<Object> valueSerializer;

	private final String eventsTopic;

	private final String consentsTopic;

	private final Duration timeout;

	private final int maxPendingRecords;

	private final AtomicInteger pending = new AtomicInteger();

	private volatile boolean warm;

	/**
	 * A publisher.
	 * @param producer the producer ({@code acks=all}, idempotent), whose value serializer
	 * is {@code valueSerializer}
	 * @param valueSerializer the value serializer, used to resolve schemas before the
	 * first call
	 * @param eventsTopic the topic of payment events
	 * @param consentsTopic the topic of consent revocations
	 * @param timeout how long a call waits for the acknowledgement
	 * @param maxPendingRecords unacknowledged records above which calls are refused
	 */
	public EventPublisher(Producer<String, Object> producer, Serializer<Object> valueSerializer, String eventsTopic,
			String consentsTopic, Duration timeout, int maxPendingRecords) {
		this.producer = producer;
		this.valueSerializer = valueSerializer;
		this.eventsTopic = eventsTopic;
		this.consentsTopic = consentsTopic;
		this.timeout = timeout;
		this.maxPendingRecords = maxPendingRecords;
	}

	/**
	 * Publish the facts of one call as payment events.
	 * @param facts the facts, all of one payment
	 * @param source how they were learned
	 * @return completes when Kafka acknowledged every event; fails with
	 * {@link NotPublishedException}
	 */
	public Mono<Void> publish(List<PaymentFact> facts, EventSource source) {
		return send(() -> {
			Instant recordedAt = Instant.now();
			return facts.stream()
				.map((fact) -> new ProducerRecord<String, Object>(this.eventsTopic, fact.payment().asString(),
						fact.toEvent(source, recordedAt)))
				.toList();
		}, facts.size());
	}

	/**
	 * Publish a consent revocation, keyed by the user id.
	 * @param revoked the event
	 * @return completes when Kafka acknowledged it; fails with
	 * {@link NotPublishedException}
	 */
	public Mono<Void> publish(ConsentRevoked revoked) {
		return send(() -> List.of(new ProducerRecord<>(this.consentsTopic, revoked.getUserId(), revoked)), 1);
	}

	private Mono<Void> send(RecordsSupplier records, int count) {
		return Mono.defer(() -> {
			if (!this.warm) {
				return Mono.error(new NotPublishedException(NotPublishedException.Cause.NOT_READY,
						"schemas or topic metadata are not resolved yet", null));
			}
			if (this.pending.addAndGet(count) > this.maxPendingRecords) {
				this.pending.addAndGet(-count);
				return Mono.error(new NotPublishedException(NotPublishedException.Cause.OVERLOADED,
						"more than " + this.maxPendingRecords + " records await Kafka's acknowledgement", null));
			}
			return Mono.<Void>create((sink) -> send(records, count, sink))
				.timeout(this.timeout)
				.onErrorMap(TimeoutException.class,
						(ex) -> new NotPublishedException(NotPublishedException.Cause.TIMEOUT,
								"Kafka did not acknowledge within " + this.timeout.toMillis() + " ms", ex));
		});
	}

	private void send(RecordsSupplier supplier, int count, MonoSink<Void> sink) {
		Acknowledgements acknowledgements = new Acknowledgements(sink, count);
		List<ProducerRecord<String, Object>> records;
		try {
			records = supplier.get();
		}
		catch (RuntimeException ex) {
			this.pending.addAndGet(-count);
			acknowledgements.completed(ex);
			return;
		}
		for (int i = 0; i < count; i++) {
			try {
				// With max.block.ms=0 a record Kafka cannot take now fails in the
				// callback (metadata, buffer) instead of waiting here.
				this.producer.send(records.get(i), (metadata, failure) -> {
					this.pending.decrementAndGet();
					acknowledgements.completed(failure);
				});
			}
			catch (RuntimeException ex) {
				// Not enqueued (serializer, closed producer): neither this record nor the
				// ones after it will be acknowledged.
				this.pending.addAndGet(-(count - i));
				acknowledgements.completed(ex);
				return;
			}
		}
	}

	/**
	 * Resolve, blocking, what the first call would otherwise wait for: the schemas of
	 * both topics (registered or looked up in the registry, then cached by the
	 * serializer) and the topics' metadata (cached by the producer). Call it off the
	 * event loop until it succeeds; calls are refused until then.
	 * @param sampleEvent a valid payment event, serialized but not sent
	 * @param sampleRevocation a valid consent revocation, serialized but not sent
	 * @throws RuntimeException whatever the registry or Kafka answered
	 */
	public void warmUp(PaymentEvent sampleEvent, ConsentRevoked sampleRevocation) {
		this.valueSerializer.serialize(this.eventsTopic, sampleEvent);
		this.valueSerializer.serialize(this.consentsTopic, sampleRevocation);
		requirePartitions(this.eventsTopic);
		requirePartitions(this.consentsTopic);
		this.warm = true;
	}

	private void requirePartitions(String topic) {
		// partitionsFor does not wait either (max.block.ms=0): it asks for the metadata
		// and fails until the answer is there.
		long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
		while (true) {
			try {
				if (this.producer.partitionsFor(topic).isEmpty()) {
					throw new IllegalStateException("topic " + topic + " has no partitions");
				}
				return;
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"no metadata for topic " + topic + " within " + METADATA_WAIT.toSeconds() + " s", ex);
				}
				LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
		}
	}

	/**
	 * Whether schemas and metadata are resolved.
	 * @return {@code true} once {@link #warmUp} succeeded
	 */
	public boolean isWarm() {
		return this.warm;
	}

	/**
	 * Records sent and not yet acknowledged or failed by Kafka.
	 * @return the count
	 */
	public int pendingRecords() {
		return this.pending.get();
	}

	@Override
	public void close() {
		this.warm = false;
		this.producer.close(Duration.ofSeconds(5));
	}

	/**
	 * The acknowledgements of one call's records: success once all are acknowledged, the
	 * first failure otherwise. Signals after the answer (a late acknowledgement after the
	 * timeout, a second failure) are dropped quietly instead of reaching Reactor's
	 * dropped-error log.
	 */
	private static final class Acknowledgements {

		private final MonoSink<Void> sink;

		private final AtomicInteger remaining;

		private final AtomicBoolean settled = new AtomicBoolean();

		Acknowledgements(MonoSink<Void> sink, int count) {
			this.sink = sink;
			this.remaining = new AtomicInteger(count);
			sink.onDispose(() -> this.settled.set(true));
		}

		void completed(Throwable failure) {
			if (failure != null) {
				if (this.settled.compareAndSet(false, true)) {
					this.sink.error(new NotPublishedException(NotPublishedException.Cause.KAFKA_ERROR,
							"Kafka did not take the event: " + failure.getMessage(), failure));
				}
			}
			else if (this.remaining.decrementAndGet() == 0 && this.settled.compareAndSet(false, true)) {
				this.sink.success();
			}
		}

	}

	@FunctionalInterface
	private interface RecordsSupplier {

		List<ProducerRecord<String, Object>> get();

	}

}
