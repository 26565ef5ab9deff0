package com.example.payments.kafka.streams;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died, after waiting a back-off that grows with
 * consecutive deaths (from {@code payments.kafka.errors.initial-interval} up to
 * {@code max-interval}, reset after a quiet {@code 10 x max-interval}): the records it
 * had not committed are read again by its replacement, none is skipped, and a persistent
 * fault costs one thread restart per back-off, not a crash loop. The wait happens on the
 * dying thread before it leaves the group.
 */
public final class BackingOffThreadReplacement implements StreamsUncaughtExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(BackingOffThreadReplacement.class);

	private final ConsumerErrorsProperties properties;

	private final LongSupplier nanoTime;

	private int consecutive;

	private long lastDeath;

	public BackingOffThreadReplacement(ConsumerErrorsProperties properties) {
		this(properties, System::nanoTime);
	}

	BackingOffThreadReplacement(ConsumerErrorsProperties properties, LongSupplier nanoTime) {
		this.properties = properties;
		this.nanoTime = nanoTime;
	}

	@Override
	public StreamThreadExceptionResponse handle(Throwable exception) {
		Duration wait = nextWait();
		logger.error("A stream thread died; replacing it in {} ms", wait.toMillis(), exception);
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

	synchronized Duration nextWait() {
		long now = this.nanoTime.getAsLong();
		long quiet = this.properties.maxInterval().multipliedBy(10).toNanos();
		if (this.consecutive > 0 && now - this.lastDeath > quiet) {
			this.consecutive = 0;
		}
		this.lastDeath = now;
		double factor = Math.pow(this.properties.multiplier(), Math.min(this.consecutive, 30));
		this.consecutive++;
		long millis = (long) Math.min(this.properties.initialInterval().toMillis() * factor,
				this.properties.maxInterval().toMillis());
		return Duration.ofMillis(millis);
	}

}
