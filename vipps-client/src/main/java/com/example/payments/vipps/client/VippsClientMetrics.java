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
 * {@code error_code} ({@code none} when Vipps sent none).</li>
 * </ul>
 *
 * @author vipps-client
 */
final class VippsClientMetrics {

	static final String REQUESTS = "vipps.api.requests";

	static final String ERRORS = "vipps.api.errors";

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
