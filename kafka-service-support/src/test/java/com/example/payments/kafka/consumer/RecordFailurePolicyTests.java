package com.example.payments.kafka.consumer;

import java.time.Duration;
import java.util.List;

import com.example.payments.serde.InvalidWireFormatException;
import com.example.payments.serde.registry.RegistryAccessDeniedException;
import com.example.payments.serde.registry.RegistryUnreachableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RecordFailurePolicy} and {@link ConsumerErrorsProperties}.
 */
class RecordFailurePolicyTests {

	private final RecordFailurePolicy policy = new RecordFailurePolicy(
			new ConsumerErrorsProperties(Duration.ofMillis(100), 2.0, Duration.ofMillis(350), 3));

	@Test
	void registryFailuresInsideADeserializationExceptionWaitWithoutLimit() {
		DeserializationException wrapped = new DeserializationException("failed", new byte[] { 0 }, false,
				new RegistryUnreachableException("GET /schemas/ids/1", List.of(), List.of(), 503, null));

		assertThat(this.policy.classify(wrapped)).isEqualTo(RecordFailurePolicy.Verdict.TRANSIENT);
		BackOffExecution backOff = this.policy.backOff(wrapped).start();
		for (int i = 0; i < 1_000; i++) {
			assertThat(backOff.nextBackOff()).isBetween(100L, 350L);
		}
	}

	@Test
	void refusedCredentialsAreAConfigurationFaultThatWaits() {
		Exception refused = new ListenerExecutionFailedException("listener",
				new RegistryAccessDeniedException("401", 401, 40101));

		assertThat(this.policy.classify(refused)).isEqualTo(RecordFailurePolicy.Verdict.CONFIGURATION);
		assertThat(this.policy.classify(refused).waits()).isTrue();
		assertThat(this.policy.backOff(refused).start().nextBackOff()).isEqualTo(100L);
	}

	@Test
	void poisonIsDeadLetteredAtOnce() {
		Exception poison = new DeserializationException("failed", new byte[] { 1 }, false,
				new InvalidWireFormatException("t", "unknown magic byte"));

		assertThat(this.policy.classify(poison)).isEqualTo(RecordFailurePolicy.Verdict.POISON);
		assertThat(this.policy.backOff(poison).start().nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void aBrokerTimeoutInTheListenerIsTransient() {
		Exception timeout = new ListenerExecutionFailedException("listener",
				new IllegalStateException("send failed", new TimeoutException("no ack")));

		assertThat(this.policy.classify(timeout)).isEqualTo(RecordFailurePolicy.Verdict.TRANSIENT);
	}

	@Test
	void applicationFailuresAreTriedTheConfiguredNumberOfTimes() {
		Exception failure = new ListenerExecutionFailedException("listener", new IllegalArgumentException("bad"));

		assertThat(this.policy.classify(failure)).isEqualTo(RecordFailurePolicy.Verdict.UNCLASSIFIED);
		BackOffExecution backOff = this.policy.backOff(failure).start();
		assertThat(backOff.nextBackOff()).isEqualTo(100L);
		assertThat(backOff.nextBackOff()).isEqualTo(200L);
		assertThat(backOff.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void refusesBackOffsThatWouldMakeAListenerLeaveItsGroup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConsumerErrorsProperties(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(10), 3))
			.withMessageContaining("payments.kafka.errors.max-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConsumerErrorsProperties(Duration.ZERO, 2.0, Duration.ofSeconds(1), 3))
			.withMessageContaining("initial-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConsumerErrorsProperties(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConsumerErrorsProperties(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 0))
			.withMessageContaining("unclassified-attempts");
	}

}
