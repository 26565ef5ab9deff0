package com.example.payments.vipps.client.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.example.payments.vipps.client.VippsOperation;

/**
 * The one exception type the client signals. Sealed: every failure is exactly one of the
 * permitted kinds, and carries its {@link #classification() classification}: whether the
 * call may have been applied, its {@link VippsErrorCategory category} and the caller's
 * {@link VippsNextStep next step}. The mutating calls of {@code VippsClient} never signal
 * it: they answer a {@code VippsOutcome} built from it; {@code details} signals it.
 * <table>
 * <caption>Kinds</caption>
 * <tr>
 * <th>Kind</th>
 * <th>When</th>
 * </tr>
 * <tr>
 * <td>{@link VippsAuthenticationException}</td>
 * <td>401/403 from the gateway, group {@code Authentication}</td>
 * </tr>
 * <tr>
 * <td>{@link VippsInvalidRequestException}</td>
 * <td>group {@code InvalidRequest}, other 4xx without a Vipps group (e.g. 404)</td>
 * </tr>
 * <tr>
 * <td>{@link VippsPaymentException}</td>
 * <td>group {@code Payment} (41-45, 51, 52, 61-63, 71-74, 93, 95, 98, 1082)</td>
 * </tr>
 * <tr>
 * <td>{@link VippsMerchantException}</td>
 * <td>group {@code Merchant} (31-39 incl. duplicate orderId 34 and unknown order 35, 51,
 * 97)</td>
 * </tr>
 * <tr>
 * <td>{@link VippsUserException}</td>
 * <td>group {@code User} (81, 82)</td>
 * </tr>
 * <tr>
 * <td>{@link VippsInternalException}</td>
 * <td>group {@code VippsError} (91-94, 99), a 5xx without a Vipps group, a 2xx of a read
 * whose body cannot be read</td>
 * </tr>
 * <tr>
 * <td>{@link VippsRateLimitedException}</td>
 * <td>HTTP 429, or {@code VippsError} 98 (too many concurrent requests)</td>
 * </tr>
 * <tr>
 * <td>{@link VippsTransportException}</td>
 * <td>connect failure, read timeout, connection lost</td>
 * </tr>
 * <tr>
 * <td>{@link VippsValidationException}</td>
 * <td>the client refused to send an invalid request</td>
 * </tr>
 * </table>
 *
 * @author vipps-client
 */
public abstract sealed class VippsApiException extends RuntimeException permits VippsAuthenticationException,
		VippsInvalidRequestException, VippsPaymentException, VippsMerchantException, VippsUserException,
		VippsInternalException, VippsRateLimitedException, VippsTransportException, VippsValidationException {

	private final VippsFailure failure;

	private final VippsErrorClassification classification;

	VippsApiException(VippsFailure failure, VippsErrorClassification classification, Throwable cause) {
		super(describe(failure), cause);
		this.failure = failure;
		this.classification = classification;
	}

	private static String describe(VippsFailure failure) {
		StringBuilder message = new StringBuilder("Vipps ").append(failure.operation().tag()).append(" failed");
		message.append(" [msn=").append(failure.msn());
		if (failure.orderId() != null) {
			message.append(", orderId=").append(failure.orderId());
		}
		message.append("]");
		if (failure.httpStatus() != 0) {
			message.append(" HTTP ").append(failure.httpStatus());
		}
		if (failure.errorGroup() != null || failure.errorCode() != null) {
			message.append(" ").append(failure.errorGroup()).append("/").append(failure.errorCode());
		}
		if (failure.errorMessage() != null) {
			message.append(": ").append(failure.errorMessage());
		}
		if (failure.contextId() != null) {
			message.append(" (contextId ").append(failure.contextId()).append(")");
		}
		return message.toString();
	}

	/**
	 * What the failure means: whether the call may have been applied, its category, and
	 * what the caller does next.
	 * @return the classification
	 */
	public VippsErrorClassification classification() {
		return this.classification;
	}

	/**
	 * The short, stable name of this kind of failure, used as the {@code outcome} metric
	 * tag.
	 * @return e.g. {@code payment}, {@code rate_limited}
	 */
	public abstract String kind();

	/**
	 * How long to wait before sending the same request again when throttled:
	 * {@code Retry-After}, or a whole rate-limit window when Vipps sent none.
	 * @return the wait; empty unless rate limited
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.classification.retryAfter());
	}

	/**
	 * All details of the failure.
	 * @return the failure
	 */
	public VippsFailure failure() {
		return this.failure;
	}

	public VippsOperation operation() {
		return this.failure.operation();
	}

	public String msn() {
		return this.failure.msn();
	}

	public String orderId() {
		return this.failure.orderId();
	}

	public int httpStatus() {
		return this.failure.httpStatus();
	}

	public String errorGroup() {
		return this.failure.errorGroup();
	}

	public String errorCode() {
		return this.failure.errorCode();
	}

	public String errorMessage() {
		return this.failure.errorMessage();
	}

	public String contextId() {
		return this.failure.contextId();
	}

	public List<VippsFailure.VippsError> errors() {
		return this.failure.errors();
	}

	/**
	 * Whether this is the given Vipps error, matched on group and code together because
	 * codes 51, 93 and 98 mean different things in different groups.
	 * @param group the error group
	 * @param code the error code
	 * @return whether both match
	 */
	public boolean is(String group, String code) {
		return group.equals(errorGroup()) && code.equals(errorCode());
	}

}
