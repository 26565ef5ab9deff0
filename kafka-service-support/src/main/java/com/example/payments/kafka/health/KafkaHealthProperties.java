package com.example.payments.kafka.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the readiness checks of Kafka and the schema registry behave
 * ({@code payments.kafka.health.*}).
 *
 * @param timeout how long one check may wait for the cluster or the registry before it
 * reports DOWN (default 3 s); keep it below the probe's {@code timeoutSeconds}
 */
@ConfigurationProperties("payments.kafka.health")
public record KafkaHealthProperties(Duration timeout) {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

	public KafkaHealthProperties {
		if (timeout == null) {
			timeout = DEFAULT_TIMEOUT;
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("payments.kafka.health.timeout must be positive, got " + timeout);
		}
	}

}
