package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import com.example.payments.vipps.client.VippsClientConfig.RetrySettings;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsRateLimitedException;
import com.example.payments.vipps.client.error.VippsTransportException;

/**
 * When a failed call is sent again. A failure is retried only if it is
 * {@link VippsApiException#retryable() retryable} <em>and</em> repeating the request is
 * safe for the operation:
 * <table>
 * <caption>Retry table (every row has a test in {@code VippsRetryPolicyTests})</caption>
 * <tr>
 * <th>Failure</th>
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
 * <td>the access token fetch before the call failed retryably</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td>retry: the call itself was not sent</td>
 * </tr>
 * <tr>
 * <td>HTTP 429, or {@code VippsError} 98</td>
 * <td>retry after {@code Retry-After}</td>
 * <td>retry after {@code Retry-After}</td>
 * <td>retry after {@code Retry-After}: throttled requests are not processed</td>
 * </tr>
 * <tr>
 * <td>read timeout, connection lost after sending</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td><b>no</b>: it may have been applied; check details first</td>
 * </tr>
 * <tr>
 * <td>HTTP 5xx (any body)</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td><b>no</b>: it may have been applied</td>
 * </tr>
 * <tr>
 * <td>{@code VippsError} 94 (order locked)</td>
 * <td>retry</td>
 * <td>retry</td>
 * <td><b>no</b></td>
 * </tr>
 * <tr>
 * <td>HTTP 401</td>
 * <td colspan="3">never by this policy: the client refreshes the token once and re-sends
 * (the gateway rejected the request, so it was not processed), then gives up</td>
 * </tr>
 * <tr>
 * <td>other 4xx (validation, 403, 404, errors 34, 35, 37, 51, 61, 71, 81, 93 ...), client
 * validation</td>
 * <td colspan="3">never</td>
 * </tr>
 * </table>
 * Retries stop after {@link RetrySettings#maxAttempts()} attempts, or when the next wait
 * would end after {@link RetrySettings#maxTotalTime()}; the last failure is then
 * signalled as is (a long {@code Retry-After} therefore surfaces as
 * {@link VippsRateLimitedException}).
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
		if (!(failure instanceof VippsApiException vippsFailure) || !vippsFailure.retryable()) {
			return false;
		}
		if (operation != VippsOperation.ACCESS_TOKEN && vippsFailure.operation() == VippsOperation.ACCESS_TOKEN) {
			return true;
		}
		if (IDEMPOTENT.contains(operation)) {
			return true;
		}
		return vippsFailure instanceof VippsRateLimitedException
				|| (vippsFailure instanceof VippsTransportException transport && !transport.requestSent());
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
		Optional<Duration> retryAfter = ((VippsApiException) failure).retryAfter();
		if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
			delay = retryAfter.get();
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
