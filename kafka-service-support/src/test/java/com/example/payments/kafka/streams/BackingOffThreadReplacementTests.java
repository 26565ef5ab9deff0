package com.example.payments.kafka.streams;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.example.payments.kafka.consumer.ConsumerErrorsProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackingOffThreadReplacement}.
 */
class BackingOffThreadReplacementTests {

	private final AtomicLong now = new AtomicLong();

	private final BackingOffThreadReplacement replacement = new BackingOffThreadReplacement(
			new ConsumerErrorsProperties(Duration.ofMillis(100), 2.0, Duration.ofMillis(350), 3), this.now::get);

	@Test
	void waitsLongerAfterEachConsecutiveDeathUpToTheMaximum() {
		assertThat(this.replacement.nextWait()).hasMillis(100);
		assertThat(this.replacement.nextWait()).hasMillis(200);
		assertThat(this.replacement.nextWait()).hasMillis(350);
		assertThat(this.replacement.nextWait()).hasMillis(350);
	}

	@Test
	void startsAgainFromTheFirstWaitAfterAQuietPeriod() {
		this.replacement.nextWait();
		this.replacement.nextWait();

		this.now.addAndGet(Duration.ofMillis(3_501).toNanos());

		assertThat(this.replacement.nextWait()).hasMillis(100);
	}

}
