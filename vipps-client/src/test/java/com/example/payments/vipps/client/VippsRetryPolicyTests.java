package com.example.payments.vipps.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.example.payments.vipps.client.VippsClientConfig.RetrySettings;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsErrorDecoder;
import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsTransportException;
import com.example.payments.vipps.client.error.VippsValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VippsRetryPolicy}: one test per row of its retry table, plus the
 * bounds and the backoff computation.
 *
 * @author vipps-client
 */
class VippsRetryPolicyTests {

	private static final RetrySettings SETTINGS = new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(1),
			Duration.ofSeconds(10), 0.5);

	private static final VippsErrorDecoder DECODER = new VippsErrorDecoder(VippsClient.createJsonMapper(),
			Clock.systemUTC());

	private final VippsRetryPolicy policy = new VippsRetryPolicy(SETTINGS, () -> 0.0);

	@ParameterizedTest
	@EnumSource(VippsOperation.class)
	void retriesEveryOperationWhenTheConnectionWasNeverEstablished(VippsOperation operation) {
		assertThat(this.policy.isSafeToRepeat(operation, transport(operation, false, false))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = VippsOperation.class, names = { "INITIATE", "CANCEL", "CAPTURE", "REFUND", "DETAILS" })
	void retriesEveryOperationWhoseAccessTokenFetchFailedTransiently(VippsOperation operation) {
		assertThat(this.policy.isSafeToRepeat(operation, answer(VippsOperation.ACCESS_TOKEN, 503, null, null, null)))
			.isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, transport(VippsOperation.ACCESS_TOKEN, true, true)))
			.as("token read timed out: the call itself was not sent")
			.isTrue();
	}

	@ParameterizedTest
	@EnumSource(VippsOperation.class)
	void retriesEveryOperationWhenRateLimited(VippsOperation operation) {
		VippsApiException tooMany = answer(operation, 429, null, null, "1");
		VippsApiException tooManyConcurrent = answer(operation, 400, "VippsError", "98", null);
		assertThat(this.policy.isSafeToRepeat(operation, tooMany)).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, tooManyConcurrent)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = VippsOperation.class, names = { "ACCESS_TOKEN", "DETAILS", "CAPTURE", "REFUND" })
	void retriesIdempotentOperationsAfterTimeoutsServerErrorsAndOrderLocks(VippsOperation operation) {
		assertThat(this.policy.isSafeToRepeat(operation, transport(operation, true, true))).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, transport(operation, true, false))).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, serverError(operation))).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, answer(operation, 400, "Payment", "63", null))).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, orderLocked(operation))).isTrue();
		assertThat(this.policy.isSafeToRepeat(operation, answer(operation, 409, null, null, null))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = VippsOperation.class, names = { "INITIATE", "CANCEL" })
	void neverResendsInitiateOrCancelThatMayHaveBeenProcessed(VippsOperation operation) {
		assertThat(this.policy.isSafeToRepeat(operation, transport(operation, true, true))).as("read timeout")
			.isFalse();
		assertThat(this.policy.isSafeToRepeat(operation, transport(operation, true, false))).as("connection lost")
			.isFalse();
		assertThat(this.policy.isSafeToRepeat(operation, serverError(operation))).as("5xx").isFalse();
		assertThat(this.policy.isSafeToRepeat(operation, answer(operation, 400, "Payment", "52", null))).as("52")
			.isFalse();
		assertThat(this.policy.isSafeToRepeat(operation, orderLocked(operation))).as("94").isFalse();
	}

	@ParameterizedTest
	@EnumSource(VippsOperation.class)
	void neverRetriesWhatAPersonMustFixFirst(VippsOperation operation) {
		assertThat(this.policy.isSafeToRepeat(operation, answer(operation, 400, "Payment", "74", null)))
			.as("refund account lacks funds")
			.isFalse();
	}

	@ParameterizedTest
	@EnumSource(VippsOperation.class)
	void neverRetriesFinalFailures(VippsOperation operation) {
		VippsApiException[] finalFailures = { answer(operation, 401, null, null, null),
				answer(operation, 403, null, null, null), answer(operation, 400, "InvalidRequest", "orderId", null),
				answer(operation, 404, null, null, null), answer(operation, 400, "Merchant", "34", null),
				answer(operation, 404, "Merchant", "35", null), answer(operation, 400, "Payment", "61", null),
				answer(operation, 400, "Payment", "62", null), answer(operation, 400, "Payment", "71", null),
				answer(operation, 400, "VippsError", "91", null), answer(operation, 400, "VippsError", "92", null),
				new VippsValidationException(failure(operation, 0, null, "amount")) };
		for (VippsApiException failure : finalFailures) {
			assertThat(this.policy.isSafeToRepeat(operation, failure)).as(failure.getMessage()).isFalse();
			assertThat(this.policy.nextDelay(operation, failure, 1, Duration.ZERO)).isEmpty();
		}
	}

	@Test
	void neverRetriesExceptionsThatAreNotVippsFailures() {
		assertThat(this.policy.isSafeToRepeat(VippsOperation.DETAILS, new IllegalStateException("bug"))).isFalse();
	}

	@Test
	void stopsAfterMaxAttempts() {
		VippsApiException failure = serverError(VippsOperation.CAPTURE);
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, failure, 3, Duration.ZERO)).isPresent();
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, failure, 4, Duration.ZERO)).isEmpty();
	}

	@Test
	void stopsWhenTheNextWaitWouldExceedTheTotalTime() {
		VippsApiException failure = serverError(VippsOperation.CAPTURE);
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, failure, 1, Duration.ofMillis(9_900))).isPresent();
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, failure, 1, Duration.ofMillis(9_950))).isEmpty();
	}

	@Test
	void waitsAtLeastAsLongAsRetryAfter() {
		VippsApiException rateLimited = answer(VippsOperation.DETAILS, 429, null, null, "3");
		assertThat(this.policy.nextDelay(VippsOperation.DETAILS, rateLimited, 1, Duration.ZERO))
			.contains(Duration.ofSeconds(3));
	}

	@Test
	void surfacesRateLimitsWhoseRetryAfterExceedsTheTotalTime() {
		VippsApiException rateLimited = answer(VippsOperation.CAPTURE, 429, null, null, "60");
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, rateLimited, 1, Duration.ZERO)).isEmpty();
	}

	@Test
	void waitsAWholeRateLimitWindowWhenThrottledWithoutRetryAfter() {
		VippsApiException rateLimited = answer(VippsOperation.CAPTURE, 429, null, null, null);
		VippsRetryPolicy patient = new VippsRetryPolicy(
				new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(2), 0.5),
				() -> 0.0);
		assertThat(patient.nextDelay(VippsOperation.CAPTURE, rateLimited, 1, Duration.ZERO))
			.as("not the 100 ms backoff")
			.contains(Duration.ofMinutes(1));
		assertThat(this.policy.nextDelay(VippsOperation.CAPTURE, rateLimited, 1, Duration.ZERO))
			.as("a minute does not fit a 10 s budget: reported to the caller")
			.isEmpty();
	}

	@Test
	void backsOffExponentiallyUpToTheCap() {
		assertThat(this.policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(this.policy.backoff(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(this.policy.backoff(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(64)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void jitterShortensWaitsByAtMostTheJitterFraction() {
		VippsRetryPolicy maxJitter = new VippsRetryPolicy(SETTINGS, () -> 0.999999);
		VippsRetryPolicy halfJitter = new VippsRetryPolicy(SETTINGS, () -> 0.5);
		assertThat(maxJitter.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(51));
		assertThat(halfJitter.backoff(2)).isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void oneAttemptDisablesRetries() {
		VippsRetryPolicy noRetries = new VippsRetryPolicy(new RetrySettings(1, null, null, null, null), () -> 0.0);
		assertThat(noRetries.nextDelay(VippsOperation.DETAILS, serverError(VippsOperation.DETAILS), 1, Duration.ZERO))
			.isEqualTo(Optional.empty());
	}

	private static VippsTransportException transport(VippsOperation operation, boolean sent, boolean timeout) {
		return new VippsTransportException(failure(operation, 0, null, null), sent, timeout, null);
	}

	private static VippsApiException serverError(VippsOperation operation) {
		return answer(operation, 503, "VippsError", "99", null);
	}

	private static VippsApiException orderLocked(VippsOperation operation) {
		return answer(operation, 409, "VippsError", "94", null);
	}

	private static VippsApiException answer(VippsOperation operation, int status, String group, String code,
			String retryAfter) {
		String body = (group != null) ? "[{\"errorGroup\":\"" + group + "\",\"errorCode\":\"" + code + "\"}]" : "";
		return DECODER.decode(operation, "123456", "order-1", status, retryAfter,
				body.getBytes(StandardCharsets.UTF_8));
	}

	private static VippsFailure failure(VippsOperation operation, int status, String group, String code) {
		return new VippsFailure(operation, "123456", "order-1", status, group, code, "test", null, null);
	}

}
