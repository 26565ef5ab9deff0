package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import com.example.payments.vipps.client.VippsClientConfig.RetrySettings;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsErrorClassification;
import com.example.payments.vipps.client.error.VippsTransportException;

/**
 * When the client itself sends a failed call again, before it reports an outcome. Only
 * two kinds of repeat are automatic: the same {@code X-Request-Id} for capture and refund
 * (and plain repeats of the read-only token and details calls), and requests that
 * provably never reached Vipps or that it throttled without processing. Initiate and
 * cancel are never repeated when they may have been applied, and nothing a person must
 * fix first is repeated.
 * <table>
 * <caption>Retry table (every row has a test in {@code VippsRetryPolicyTests})</caption>
 * <tr>
 * <th>Failure (its {@code VippsErrorClassification})</th>
 * <th>token, details</th>
 * <th>capture, refund (same {@code X-Request-Id})</th>
 * <th>initiate, cancel (no idempotency key)</th>
 * </tr>
 * <tr>
 * <td>connection not established (refused, connect timeout, unknown host)</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td>retry: the request provably never left</td>
 * </tr>
 * <tr>
 * <td>the access token fetch before the call failed transiently</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td>retry: the call itself was not sent</td>
 * </tr>
 * <tr>
 * <td>throttled: HTTP 429, or {@code VippsError} 98</td>
 * <td>retry after {@code Retry-After}</td>
 * <td>retry after {@code Retry-After}</td>
 * <td>retry after {@code Retry-After}: throttled requests are not processed</td>
 * </tr>
 * <tr>
 * <td>may have been applied: read timeout, connection lost after sending, 5xx, Payment 52
 * and 63, {@code VippsError} 99</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td><b>no</b>: outcome unknown, read details first</td>
 * </tr>
 * <tr>
 * <td>{@code VippsError} 94 (order locked), 409</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td><b>no</b>: reported as not applied, the caller repeats it later</td>
 * </tr>
 * <tr>
 * <td>HTTP 401</td>
 * <td colspan="3">never by this policy: the client refreshes the token once and re-sends
 * (the gateway rejected the request, so it was not processed), then gives up</td>
 * </tr>
 * <tr>
 * <td>a person must act first (Payment 74, credentials, set-up, wrong request), every
 * other refusal, client validation</td>
 * <td colspan="3">never</td>
 * </tr>
 * </table>
 * Waits are the jittered exponential backoff, at least the classification's
 * {@code retryAfter} ({@code Retry-After}, or a whole minute when a throttled answer has
 * none). Retries stop after {@link RetrySettings#maxAttempts()} attempts, or when the
 * next wait would end after {@link RetrySettings#maxTotalTime()}; the last failure then
 * becomes the outcome (a throttled call without {@code Retry-After} is therefore reported
 * as not applied, wait a minute, instead of being hammered every 200 ms).
 *
 * @author vipps-client
 */
public final class VippsRetryPolicy {

	private static final Set<VippsOperation> IDEMPOTENT = EnumSet.of(VippsOperation.ACCESS_TOKEN,
			VippsOperation.DETAILS, VippsOperation.CAPTURE, VippsOperation.REFUND);

	private final RetrySettings settings;

	private final DoubleSupplier random;

	/**
	 * Create a policy.
	 * @param settings the bounds and backoff
	 * @param random source of jitter in {@code [0, 1)}
	 */
	public VippsRetryPolicy(RetrySettings settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	/**
	 * Whether {@code failure} of {@code operation} may be answered by sending the same
	 * request again (ignoring attempt and time bounds).
	 * @param operation the operation that was called
	 * @param failure what went wrong
	 * @return whether a retry is allowed
	 */
	public boolean isSafeToRepeat(VippsOperation operation, Throwable failure) {
		if (!(failure instanceof VippsApiException vippsFailure)) {
			return false;
		}
		VippsErrorClassification classification = vippsFailure.classification();
		if (classification.personMustAct()) {
			return false;
		}
		boolean repeatable = IDEMPOTENT.contains(operation);
		if (classification.mayHaveBeenApplied()) {
			return repeatable;
		}
		return switch (classification.nextStep()) {
			case WAIT_THEN_RETRY -> true;
			case RETRY_SAME_KEY -> repeatable || neverSent(operation, vippsFailure);
			default -> false;
		};
	}

	private static boolean neverSent(VippsOperation operation, VippsApiException failure) {
		boolean tokenFetchFailed = operation != VippsOperation.ACCESS_TOKEN
				&& failure.operation() == VippsOperation.ACCESS_TOKEN;
		return tokenFetchFailed || (failure instanceof VippsTransportException transport && !transport.requestSent());
	}

	/**
	 * The wait before the next attempt, or empty to give up and signal {@code failure}.
	 * @param operation the operation that was called
	 * @param failure what went wrong
	 * @param attemptsMade attempts made so far (1 after the first failure)
	 * @param elapsed time since the first attempt began
	 * @return the wait, or empty
	 */
	public Optional<Duration> nextDelay(VippsOperation operation, Throwable failure, int attemptsMade,
			Duration elapsed) {
		if (attemptsMade >= this.settings.maxAttempts() || !isSafeToRepeat(operation, failure)) {
			return Optional.empty();
		}
		Duration delay = backoff(attemptsMade);
		Duration retryAfter = ((VippsApiException) failure).classification().retryAfter();
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = retryAfter;
		}
		if (elapsed.plus(delay).compareTo(this.settings.maxTotalTime()) > 0) {
			return Optional.empty();
		}
		return Optional.of(delay);
	}

	/**
	 * The jittered exponential wait before retry number {@code retry}.
	 * @param retry 1 for the first retry
	 * @return {@code min(maxBackoff, initialBackoff * 2^(retry-1)) * (1 - jitter * random)}
	 */
	public Duration backoff(int retry) {
		long initial = this.settings.initialBackoff().toNanos();
		long max = this.settings.maxBackoff().toNanos();
		int shift = Math.min(Math.max(retry - 1, 0), 30);
		long base = (initial > (max >> shift)) ? max : Math.min(max, initial << shift);
		double factor = 1.0 - this.settings.jitter() * this.random.getAsDouble();
		return Duration.ofNanos((long) (base * factor));
	}

}
