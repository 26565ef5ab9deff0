package com.example.payments.vipps.client;

import java.time.Duration;

import com.example.payments.vipps.client.error.VippsApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The client's meters. One sample per HTTP exchange (so retries and token fetches are
 * visible), tagged with bounded values only: never the orderId.
 * <ul>
 * <li>{@code vipps.api.requests} (timer; Prometheus {@code vipps_api_requests_seconds}):
 * {@code operation}, {@code outcome} ({@code success} or the failure's
 * {@link VippsApiException#kind() kind}), {@code http_status} ({@code none} without a
 * response), {@code msn};</li>
 * <li>{@code vipps.api.errors} (counter): {@code operation}, {@code error_group},
 * {@code error_code} ({@code none} when Vipps sent none);</li>
 * <li>{@code vipps.api.outcomes} (counter, one per mutating call after the client's own
 * retries): {@code operation}, {@code outcome} ({@code applied}, {@code not_applied},
 * {@code unknown}), {@code category} ({@code none} when applied), {@code msn}
 * ({@code invalid} when the caller's MSN is not 5-6 digits).</li>
 * </ul>
 *
 * @author vipps-client
 */
final class VippsClientMetrics {

	static final String REQUESTS = "vipps.api.requests";

	static final String ERRORS = "vipps.api.errors";

	static final String OUTCOMES = "vipps.api.outcomes";

	private static final String NONE = "none";

	private final MeterRegistry registry;

	VippsClientMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void success(VippsOperation operation, String msn, int status, Duration duration) {
		timer(operation, msn, "success", String.valueOf(status)).record(duration);
	}

	void failure(VippsOperation operation, String msn, VippsApiException failure, Duration duration) {
		String status = (failure.httpStatus() != 0) ? String.valueOf(failure.httpStatus()) : NONE;
		timer(operation, msn, failure.kind(), status).record(duration);
		Counter.builder(ERRORS)
			.description("Failed Vipps eCom API calls by Vipps error group and code")
			.tag("operation", operation.tag())
			.tag("error_group", orNone(failure.errorGroup()))
			.tag("error_code", orNone(failure.errorCode()))
			.register(this.registry)
			.increment();
	}

	void outcome(VippsOutcome<?> outcome) {
		Counter.builder(OUTCOMES)
			.description("Mutating Vipps eCom API calls by how they ended: applied, not applied or unknown")
			.tag("operation", outcome.operation().tag())
			.tag("outcome", outcome.fold((applied) -> "applied", (notApplied) -> "not_applied", (unknown) -> "unknown"))
			.tag("category",
					outcome.fold((applied) -> NONE, (notApplied) -> notApplied.category().name(),
							(unknown) -> unknown.category().name()))
			.tag("msn", msnTag(outcome.msn()))
			.register(this.registry)
			.increment();
	}

	/**
	 * The MSN as a tag value: only well-formed MSNs, so a caller's garbage cannot create
	 * unbounded tag values.
	 * @param msn the MSN as given
	 * @return the MSN, or {@code invalid}
	 */
	static String msnTag(String msn) {
		return (msn != null && VippsRequestValidator.MSN.matcher(msn).matches()) ? msn : "invalid";
	}

	private Timer timer(VippsOperation operation, String msn, String outcome, String status) {
		return Timer.builder(REQUESTS)
			.description("Vipps eCom API HTTP exchanges")
			.tag("operation", operation.tag())
			.tag("outcome", outcome)
			.tag("http_status", status)
			.tag("msn", orNone(msn))
			.register(this.registry);
	}

	private static String orNone(String value) {
		return (value != null && !value.isBlank()) ? value : NONE;
	}

}
