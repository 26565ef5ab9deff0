package com.example.payments.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentReserved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Resolves the event and consent schemas and the topics' metadata at start-up, on a
 * thread of its own, and keeps trying (1 s doubling to 30 s) while the registry or Kafka
 * cannot answer. The health component {@code eventPublishing} (in the readiness group) is
 * DOWN until then, so no call is routed here before its events can be written without
 * waiting on the registry.
 */
public final class PublishingReadiness implements HealthIndicator, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PublishingReadiness.class);

	private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

	private final EventPublisher publisher;

	private volatile String lastFailure = "not tried yet";

	private volatile Thread thread;

	/**
	 * Readiness of a publisher.
	 * @param publisher the publisher to warm up
	 */
	public PublishingReadiness(EventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public Health health() {
		if (this.publisher.isWarm()) {
			return Health.up().withDetail("pendingRecords", this.publisher.pendingRecords()).build();
		}
		return Health.down().withDetail("error", this.lastFailure).build();
	}

	@Override
	public void start() {
		Thread warmUp = new Thread(this::warmUp, "ingest-publishing-warm-up");
		warmUp.setDaemon(true);
		this.thread = warmUp;
		warmUp.start();
	}

	private void warmUp() {
		Duration wait = FIRST_WAIT;
		while (!Thread.currentThread().isInterrupted()) {
			try {
				this.publisher.warmUp(sampleEvent(), sampleRevocation());
				logger.info("Event and consent schemas and topic metadata resolved: ready to publish");
				return;
			}
			catch (RuntimeException ex) {
				this.lastFailure = String.valueOf(ex.getMessage());
				logger.warn("Cannot resolve schemas or topic metadata yet, trying again in {} ms: {}", wait.toMillis(),
						ex.getMessage());
			}
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			wait = (wait.multipliedBy(2).compareTo(LONGEST_WAIT) < 0) ? wait.multipliedBy(2) : LONGEST_WAIT;
		}
	}

	@Override
	public void stop() {
		Thread warmUp = this.thread;
		if (warmUp != null) {
			warmUp.interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private static PaymentEvent sampleEvent() {
		Instant now = Instant.now();
		return PaymentEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setMerchantSerialNumber("123456")
			.setOrderId("schema-warm-up")
			.setOccurredAt(now)
			.setOccurredAtOrigin(OccurredAtOrigin.LEARNED)
			.setRecordedAt(now)
			.setSource(EventSource.CALLBACK)
			.setCommandId(null)
			.setEvent(PaymentReserved.newBuilder()
				.setAmount(100)
				.setTransactionId(null)
				.setPaymentInstrument(null)
				.build())
			.build();
	}

	private static ConsentRevoked sampleRevocation() {
		Instant now = Instant.now();
		return ConsentRevoked.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setUserId("schema-warm-up")
			.setRevokedAt(now)
			.setRecordedAt(now)
			.setMerchantSerialNumber(null)
			.build();
	}

}
