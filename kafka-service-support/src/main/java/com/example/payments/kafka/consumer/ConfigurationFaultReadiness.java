package com.example.payments.kafka.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Makes the service not-ready while any consumer is stuck on a configuration fault (the
 * registry refuses our credentials, lost its state, or refuses our schema), and ready
 * again as soon as every such consumer has processed a record. Readiness, not liveness:
 * restarting would not fix the configuration, and the consumers recover by themselves.
 *
 * <p>
 * Each consumer reports under a key of its own (a listener container uses its consumer
 * thread); the state changes are published as Spring Boot
 * {@link AvailabilityChangeEvent}s, which {@code /actuator/health/readiness} reflects.
 */
public final class ConfigurationFaultReadiness {

	private static final Logger logger = LoggerFactory.getLogger(ConfigurationFaultReadiness.class);

	private final ApplicationEventPublisher publisher;

	private final Map<String, String> failing = new ConcurrentHashMap<>();

	public ConfigurationFaultReadiness(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Report that a consumer cannot go on because of a configuration fault. Logged at
	 * error level every time (a consumer retries at most every {@code max-interval}).
	 * @param consumer the consumer's key, e.g. its thread name
	 * @param failure the fault, whose message names registry URL, topic and subject but
	 * never credentials
	 */
	public void failing(String consumer, Throwable failure) {
		logger.error("Consumer {} is stuck on a configuration fault and retries the same record until it is fixed; "
				+ "the service reports not-ready meanwhile: {}", consumer, failure.getMessage());
		boolean first;
		synchronized (this.failing) {
			first = this.failing.isEmpty();
			this.failing.put(consumer, String.valueOf(failure.getMessage()));
		}
		if (first) {
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		}
	}

	/**
	 * Report that a consumer processed a record, so any fault it had is over.
	 * @param consumer the consumer's key
	 */
	public void recovered(String consumer) {
		if (!this.failing.containsKey(consumer)) {
			return;
		}
		boolean last;
		synchronized (this.failing) {
			last = this.failing.remove(consumer) != null && this.failing.isEmpty();
		}
		if (last) {
			logger.info("Consumer {} recovered from its configuration fault; the service is ready again", consumer);
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * Whether any consumer is stuck on a configuration fault now.
	 * @return {@code true} while the service reports not-ready because of one
	 */
	public boolean isFailing() {
		return !this.failing.isEmpty();
	}

}
