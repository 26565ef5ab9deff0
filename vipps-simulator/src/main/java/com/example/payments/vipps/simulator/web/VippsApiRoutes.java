package com.example.payments.vipps.simulator.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatorFaults;
import com.example.payments.vipps.simulator.engine.Credentials;
import com.example.payments.vipps.simulator.engine.OptionalFields;
import com.example.payments.vipps.simulator.engine.OrderLocks;
import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import com.example.payments.vipps.simulator.engine.VippsApiException;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Vipps-side endpoints. Every call goes through the same steps, in Vipps' order:
 * authentication, header checks, injected faults, rate limit, the order lock, validation,
 * the operation; then the answer is recorded. A capture, cancel or refund holds its
 * order's lock until its answer (including injected latency) is sent.
 */
public final class VippsApiRoutes {

	/**
	 * Sent on every answer, like stripe-mock's version header.
	 */
	public static final String VERSION_HEADER = "Vipps-Simulator-Version";

	/**
	 * The simulator's version.
	 */
	public static final String VERSION = "0.1.0";

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	private static final Log logger = LogFactory.getLog(VippsApiRoutes.class);

	private static final String PAYMENTS = "/ecomm/v2/payments";

	private static final List<String> SYSTEM_HEADERS = List.of("Vipps-System-Name", "Vipps-System-Version",
			"Vipps-System-Plugin-Name", "Vipps-System-Plugin-Version");

	private static final int SYSTEM_HEADER_MAX_LENGTH = 30;

	private final SimulatorEngine engine;

	public VippsApiRoutes(SimulatorEngine engine) {
		this.engine = engine;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/accesstoken/get", this::accessToken)
			.POST("/accessToken/get", this::accessToken)
			.POST(PAYMENTS, (request) -> handle(request, Kind.INITIATE, SimulatedOperation.INITIATE, this::initiate))
			.POST(PAYMENTS + "/",
					(request) -> handle(request, Kind.INITIATE, SimulatedOperation.INITIATE, this::initiate))
			.POST(PAYMENTS + "/{orderId}/capture",
					(request) -> handle(request, Kind.CAPTURE, SimulatedOperation.CAPTURE,
							(call) -> this.engine.capture(call.caller(), call.orderId(), call.json(),
									call.requiredRequestId())))
			.PUT(PAYMENTS + "/{orderId}/cancel",
					(request) -> handle(request, Kind.CANCEL, SimulatedOperation.CANCEL,
							(call) -> this.engine.cancel(call.caller(), call.orderId(), call.json())))
			.POST(PAYMENTS + "/{orderId}/refund", (request) -> handle(request, Kind.REFUND, SimulatedOperation.REFUND,
					(call) -> this.engine.refund(call.caller(), call.orderId(), call.json(), call.requiredRequestId())))
			.GET(PAYMENTS + "/{orderId}/details",
					(request) -> handle(request, Kind.DETAILS, SimulatedOperation.DETAILS,
							(call) -> this.engine.details(call.caller(), call.orderId())))
			.GET(PAYMENTS + "/{orderId}/status",
					(request) -> handle(request, Kind.STATUS, SimulatedOperation.DETAILS,
							(call) -> this.engine.status(call.caller(), call.orderId())))
			.POST("/ecomm/v2/integration-test/payments/{orderId}/approve",
					(request) -> handle(request, Kind.FORCE_APPROVE, SimulatedOperation.FORCE_APPROVE,
							(call) -> this.engine.forceApprove(call.caller(), call.orderId(), call.json(),
									call.optionalRequestId())))
			.build();
	}

	private String initiate(Call call) {
		URI uri = call.request.uri();
		String base = uri.getScheme() + "://" + uri.getRawAuthority();
		return this.engine.initiate(call.caller(), call.json(), base);
	}

	private Mono<ServerResponse> accessToken(ServerRequest request) {
		return handle(request, Kind.ACCESS_TOKEN, SimulatedOperation.ACCESS_TOKEN, (call) -> {
			HttpHeaders headers = request.headers().asHttpHeaders();
			return VippsPayloads.accessToken(this.engine.credentials()
				.issue(headers.getFirst("client_id"), headers.getFirst("client_secret"),
						headers.getFirst("Ocp-Apim-Subscription-Key")));
		});
	}

	private Mono<ServerResponse> handle(ServerRequest request, Kind kind, SimulatedOperation operation,
			Operation action) {
		Instant at = this.engine.clock().now();
		long started = System.nanoTime();
		return request.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
			Answer answer;
			SimulatorFaults.Decision decision = null;
			String paymentErrorFault = null;
			Call call = new Call(request, kind, body);
			try {
				if (kind != Kind.ACCESS_TOKEN) {
					HttpHeaders headers = request.headers().asHttpHeaders();
					call.caller = this.engine.credentials()
						.authenticate(headers.getFirst(HttpHeaders.AUTHORIZATION),
								headers.getFirst("Ocp-Apim-Subscription-Key"),
								headers.getFirst("Merchant-Serial-Number"));
					checkSystemHeaders(headers);
				}
				decision = this.engine.faults().decide(operation);
				if (decision.kind() == SimulatorFaults.Decision.Kind.RATE_LIMIT) {
					throw VippsApiException.rateLimited(decision.answer().retryAfter());
				}
				if (decision.kind() == SimulatorFaults.Decision.Kind.FAIL) {
					answer = InjectedAnswers.render(decision.answer(), null);
				}
				else {
					VippsApiException paymentError = injectedPaymentError(kind);
					if (paymentError != null) {
						paymentErrorFault = "PAYMENT_ERROR_" + paymentError.errorCode();
						throw paymentError;
					}
					enforceRateLimit(call);
					lockOrder(call);
					String responseBody = action.apply(call);
					answer = new Answer(200, responseBody, null);
					if (decision.kind() == SimulatorFaults.Decision.Kind.APPLY_THEN_FAIL) {
						answer = InjectedAnswers.render(decision.answer(), responseBody);
					}
				}
			}
			catch (VippsApiException ex) {
				answer = errorAnswer(ex);
			}
			catch (RuntimeException ex) {
				logger.warn("Unexpected failure in " + kind + " for orderId=" + call.orderId(), ex);
				answer = errorAnswer(VippsApiException.internal("An internal error occurred."));
			}
			Answer finalAnswer = answer;
			Duration delay = (decision != null) ? decision.delay() : Duration.ZERO;
			String injectedFault = (decision != null && decision.kind() != SimulatorFaults.Decision.Kind.NONE)
					? InjectedAnswers.describe(decision) : paymentErrorFault;
			boolean drop = decision != null && decision.kind() == SimulatorFaults.Decision.Kind.APPLY_THEN_DROP
					&& finalAnswer.status() == 200;
			Mono<ServerResponse> response = drop ? InjectedAnswers.dropConnection(request).doOnSuccess((ignored) -> {
				call.releaseLock();
				record(request, kind, call, at, started, body, InjectedAnswers.NO_ANSWER, injectedFault);
			}) : respond(finalAnswer).doOnNext((ignored) -> {
				// Released before the answer is written, so the caller may go on at once.
				call.releaseLock();
				record(request, kind, call, at, started, body, finalAnswer, injectedFault);
			});
			return (delay.isZero() ? response : Mono.delay(delay).then(response))
				.doFinally((signal) -> call.releaseLock());
		});
	}

	private void enforceRateLimit(Call call) {
		String orderId = call.orderId();
		if (orderId == null) {
			return;
		}
		switch (call.kind()) {
			case INITIATE -> this.engine.rateLimiter().acquire("initiate:" + call.caller().msn() + ":" + orderId, 2);
			case CAPTURE, CANCEL, REFUND ->
				this.engine.rateLimiter().acquire(call.kind().name() + ":" + call.caller().msn() + ":" + orderId, 5);
			case DETAILS, STATUS -> this.engine.rateLimiter()
				.acquire(call.kind().name() + ":" + call.caller().subscriptionKey() + ":" + orderId, 120);
			default -> {
			}
		}
	}

	private void checkSystemHeaders(HttpHeaders headers) {
		if (!this.engine.properties().strictSystemHeaders()) {
			return;
		}
		for (String name : SYSTEM_HEADERS) {
			String value = headers.getFirst(name);
			if (value != null && value.length() > SYSTEM_HEADER_MAX_LENGTH) {
				throw VippsApiException.invalid(name,
						name + " must be at most " + SYSTEM_HEADER_MAX_LENGTH + " characters, was " + value.length());
			}
		}
	}

	private VippsApiException injectedPaymentError(Kind kind) {
		SimulatorFaults faults = this.engine.faults();
		if (kind == Kind.REFUND && faults.takeRefundAccountFailure()) {
			return VippsApiException.payment("74", "Refund failed during debit from the merchant's account.");
		}
		if (kind == Kind.CANCEL && faults.takeUserInThreeDSecure()) {
			return VippsApiException.payment("52",
					"Cancellation failed: the user is in a 3-D Secure session. Check /details and retry later.");
		}
		return null;
	}

	private void lockOrder(Call call) {
		String orderId = call.orderId();
		if (orderId != null
				&& (call.kind() == Kind.CAPTURE || call.kind() == Kind.CANCEL || call.kind() == Kind.REFUND)) {
			call.lock = this.engine.orderLocks().lock(call.caller().msn(), orderId);
		}
	}

	private Answer errorAnswer(VippsApiException error) {
		String body = error.gateway() ? VippsPayloads.gatewayError(error, this.engine.properties().gatewayErrorFormat())
				: OptionalFields.render(this.engine.properties(), OptionalFields.Document.ERROR_ARRAY,
						VippsPayloads.errorArray(error, UUID.randomUUID().toString()));
		return new Answer(error.httpStatus(), body, error.retryAfterSeconds());
	}

	private Mono<ServerResponse> respond(Answer answer) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(answer.status()).header(VERSION_HEADER, VERSION);
		if (answer.retryAfterSeconds() != null) {
			builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
		}
		if (answer.body().isEmpty()) {
			return builder.build();
		}
		return builder.contentType(answer.contentType()).bodyValue(answer.body());
	}

	private void record(ServerRequest request, Kind kind, Call call, Instant at, long started, String body,
			Answer answer, String injectedFault) {
		if (!this.engine.recorder().recording()) {
			return;
		}
		Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
		if (answer.status() > 0) {
			responseHeaders.put(VERSION_HEADER, List.of(VERSION));
		}
		if (!answer.body().isEmpty()) {
			responseHeaders.put(HttpHeaders.CONTENT_TYPE, List.of(answer.contentType().toString()));
		}
		if (answer.retryAfterSeconds() != null) {
			responseHeaders.put(HttpHeaders.RETRY_AFTER, List.of(String.valueOf(answer.retryAfterSeconds())));
		}
		String msn = (call.caller != null) ? call.caller.msn() : null;
		this.engine.recorder()
			.record(new RecordedExchange(this.engine.recorder().nextSequence(), at, kind, msn, call.orderId(),
					request.method().name(), request.uri().toString(), headers(request.headers().asHttpHeaders()), body,
					answer.status(), responseHeaders, answer.body(), Duration.ofNanos(System.nanoTime() - started),
					null, injectedFault));
	}

	static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return copy;
	}

	/**
	 * One operation: produces the 200 body or throws {@link VippsApiException}.
	 */
	@FunctionalInterface
	private interface Operation {

		String apply(Call call);

	}

	/**
	 * One answer: status, body, {@code Retry-After} and content type ({@code status} -1:
	 * none was sent).
	 */
	record Answer(int status, String body, Long retryAfterSeconds, MediaType contentType) {

		Answer(int status, String body, Long retryAfterSeconds) {
			this(status, body, retryAfterSeconds, JSON_UTF8);
		}

	}

	/**
	 * The parts of a request the operations need, parsed lazily.
	 */
	private static final class Call {

		private final ServerRequest request;

		private final Kind kind;

		private final String body;

		private Credentials.Caller caller;

		private JsonNode json;

		private OrderLocks.Held lock;

		Call(ServerRequest request, Kind kind, String body) {
			this.request = request;
			this.kind = kind;
			this.body = body;
		}

		Kind kind() {
			return this.kind;
		}

		void releaseLock() {
			if (this.lock != null) {
				this.lock.release();
			}
		}

		Credentials.Caller caller() {
			return this.caller;
		}

		String orderId() {
			if (this.request.pathVariables().containsKey("orderId")) {
				return this.request.pathVariable("orderId");
			}
			if (this.kind == Kind.INITIATE) {
				try {
					JsonNode orderId = json().path("transaction").path("orderId");
					return orderId.isString() ? orderId.asString() : null;
				}
				catch (VippsApiException ex) {
					return null;
				}
			}
			return null;
		}

		JsonNode json() {
			if (this.json == null) {
				try {
					this.json = VippsPayloads.parse(this.body.isEmpty() ? "null" : this.body);
				}
				catch (RuntimeException ex) {
					// Invalid JSON is Vipps' most common cause of HTTP 500.
					throw VippsApiException.internal("The request body is not valid JSON.");
				}
			}
			return this.json;
		}

		String requiredRequestId() {
			String requestId = optionalRequestId();
			if (requestId == null || requestId.isBlank()) {
				throw VippsApiException.invalid("X-Request-Id", "The X-Request-Id header is required.");
			}
			return requestId;
		}

		String optionalRequestId() {
			String requestId = this.request.headers().firstHeader("X-Request-Id");
			if (requestId != null && requestId.length() > 40) {
				throw VippsApiException.invalid("X-Request-Id", "X-Request-Id must be at most 40 characters.");
			}
			return requestId;
		}

	}

}
