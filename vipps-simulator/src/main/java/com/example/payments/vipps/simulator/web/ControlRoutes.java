package com.example.payments.vipps.simulator.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.example.payments.vipps.simulator.ExpressChoice;
import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedAnswer;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatorFaults;
import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The simulator-only control API under {@code /_sim}: act as the user, inject faults,
 * read the truth and the recorded exchanges, reset. Same capabilities as the Java API.
 */
public final class ControlRoutes {

	private final SimulatorEngine engine;

	public ControlRoutes(SimulatorEngine engine) {
		this.engine = engine;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/_sim/payments", (request) -> json(this.engine.payments()))
			.GET("/_sim/payments/{msn}/{orderId}",
					(request) -> this.engine.payment(request.pathVariable("msn"), request.pathVariable("orderId"))
						.map(this::json)
						.orElseGet(() -> error(404, "no such payment")))
			.POST("/_sim/payments/{msn}/{orderId}/{action}", this::userAction)
			.POST("/_sim/consents/remove", (request) -> withBody(request, (body) -> {
				int status = this.engine.removeConsent(body.path("msn").asString(), body.path("userId").asString());
				return Map.of("merchantStatus", status);
			}))
			.GET("/_sim/exchanges", (request) -> json(this.engine.recorder().all()))
			.POST("/_sim/reset", (request) -> {
				this.engine.reset();
				return json(Map.of("reset", true));
			})
			.POST("/_sim/tokens/expire", (request) -> {
				this.engine.credentials().expireAll();
				return json(Map.of("expired", true));
			})
			.POST("/_sim/clock/advance", (request) -> withBody(request, (body) -> {
				this.engine.clock().advance(Duration.ofSeconds(body.path("seconds").asLong()));
				return Map.of("now", this.engine.clock().now().toString());
			}))
			.POST("/_sim/faults/operations/{operation}", this::operationFaults)
			.POST("/_sim/faults/callbacks", (request) -> withBody(request, (body) -> {
				SimulatorFaults.Callbacks callbacks = this.engine.faults().callbacks();
				if (body.has("dropRate")) {
					callbacks.dropRate(body.get("dropRate").asDouble());
				}
				if (body.has("delayMs")) {
					callbacks.delay(Duration.ofMillis(body.get("delayMs").asLong()));
				}
				if (body.has("duplicate")) {
					callbacks.duplicate(body.get("duplicate").asBoolean());
				}
				if (body.has("reorder")) {
					callbacks.reorder(body.get("reorder").asBoolean());
				}
				return Map.of("ok", true);
			}))
			.POST("/_sim/faults/merchant-endpoints", (request) -> withBody(request, (body) -> {
				SimulatorFaults.MerchantEndpoints endpoints = this.engine.faults().merchantEndpoints();
				if (body.has("latencyMs")) {
					endpoints.latency(Duration.ofMillis(body.get("latencyMs").asLong()));
				}
				if (body.has("failWith")) {
					endpoints.failWith(body.get("failWith").asInt());
				}
				return Map.of("ok", true);
			}))
			.POST("/_sim/faults/payment-errors", (request) -> withBody(request, (body) -> {
				SimulatorFaults faults = this.engine.faults();
				if (body.has("refundAccountFailureNext")) {
					faults.refundAccountFailureNext(body.get("refundAccountFailureNext").asInt());
				}
				if (body.has("userInThreeDSecureNext")) {
					faults.userInThreeDSecureNext(body.get("userInThreeDSecureNext").asInt());
				}
				return Map.of("ok", true);
			}))
			.DELETE("/_sim/faults", (request) -> {
				this.engine.faults().reset();
				return json(Map.of("reset", true));
			})
			.build();
	}

	private Mono<ServerResponse> userAction(ServerRequest request) {
		String msn = request.pathVariable("msn");
		String orderId = request.pathVariable("orderId");
		String action = request.pathVariable("action");
		return withBody(request, (body) -> switch (action) {
			case "open" -> this.engine.open(msn, orderId);
			case "approve" -> this.engine.approve(msn, orderId);
			case "approve-express" -> this.engine.approveExpress(msn, orderId, expressChoices(body));
			case "reject" -> this.engine.reject(msn, orderId);
			case "timeout" -> this.engine.timeOut(msn, orderId);
			case "fail" -> body.hasNonNull("errorCode")
					? this.engine.failReservation(msn, orderId, body.get("errorCode").asString())
					: this.engine.failReservation(msn, orderId);
			case "portal-capture" -> this.engine.portalCapture(msn, orderId, amount(body));
			case "portal-refund" -> this.engine.portalRefund(msn, orderId, amount(body));
			default -> throw new IllegalArgumentException("unknown action " + action
					+ " (open, approve, approve-express, reject, timeout, fail, portal-capture, portal-refund)");
		});
	}

	private static Long amount(JsonNode body) {
		JsonNode amount = body.get("amount");
		if (amount == null || amount.isNull()) {
			return null;
		}
		if (!amount.isIntegralNumber()) {
			throw new IllegalArgumentException("amount must be an integer (øre)");
		}
		return amount.asLong();
	}

	private static ExpressChoice[] expressChoices(JsonNode body) {
		List<ExpressChoice> choices = new ArrayList<>();
		if (body.has("addressId") && body.get("addressId").asLong() == SimulatedAddress.work().addressId()) {
			choices.add(ExpressChoice.address(SimulatedAddress.work()));
		}
		if (body.hasNonNull("shippingMethodId")) {
			choices.add(ExpressChoice.shippingMethod(body.get("shippingMethodId").asString()));
		}
		return choices.toArray(new ExpressChoice[0]);
	}

	private Mono<ServerResponse> operationFaults(ServerRequest request) {
		SimulatedOperation operation;
		try {
			operation = SimulatedOperation.valueOf(request.pathVariable("operation").toUpperCase());
		}
		catch (IllegalArgumentException ex) {
			return error(404, "unknown operation " + request.pathVariable("operation"));
		}
		return withBody(request, (body) -> {
			SimulatorFaults faults = this.engine.faults();
			JsonNode failNext = body.path("failNext");
			if (failNext.isObject()) {
				faults.failNext(operation, failNext.path("count").asInt(1), failNext.path("status").asInt(500));
			}
			JsonNode applyThenFail = body.path("applyThenFailNext");
			if (applyThenFail.isObject()) {
				faults.applyThenFailNext(operation, applyThenFail.path("count").asInt(1),
						applyThenFail.path("status").asInt(502));
			}
			JsonNode answerNext = body.path("answerNext");
			if (answerNext.isObject()) {
				faults.answerNext(operation, answerNext.path("count").asInt(1), answer(answerNext));
			}
			JsonNode applyThenAnswer = body.path("applyThenAnswerNext");
			if (applyThenAnswer.isObject()) {
				faults.applyThenAnswerNext(operation, applyThenAnswer.path("count").asInt(1), answer(applyThenAnswer));
			}
			JsonNode applyThenDrop = body.path("applyThenDropNext");
			if (applyThenDrop.isObject()) {
				faults.applyThenDropNext(operation, applyThenDrop.path("count").asInt(1));
			}
			JsonNode rateLimit = body.path("rateLimitNext");
			if (rateLimit.isObject()) {
				faults.rateLimitNext(operation, rateLimit.path("count").asInt(1),
						Duration.ofSeconds(rateLimit.path("retryAfterSeconds").asLong(1)));
			}
			if (body.has("latencyMs") || body.has("jitterMs")) {
				faults.latency(operation, Duration.ofMillis(body.path("latencyMs").asLong(0)),
						Duration.ofMillis(body.path("jitterMs").asLong(0)));
			}
			if (body.has("serverErrorRate") || body.has("rateLimitRate")) {
				faults.errorRates(operation, body.path("serverErrorRate").asDouble(0),
						body.path("rateLimitRate").asDouble(0));
			}
			return Map.of("ok", true);
		});
	}

	/**
	 * {@code {status, errorGroup, errorCode, errorMessage, retryAfterSeconds, body}}:
	 * without {@code body}, a Vipps error array when a group is given, else the default
	 * answer for the status ({@link SimulatedAnswer#status}); a 2xx is a broken success
	 * ({@code EMPTY} unless {@code body} says otherwise).
	 * @param json the fault's JSON
	 * @return the answer
	 */
	private static SimulatedAnswer answer(JsonNode json) {
		int status = json.path("status").asInt(500);
		SimulatedAnswer.BodyShape shape = json.hasNonNull("body")
				? SimulatedAnswer.BodyShape.valueOf(json.get("body").asString()) : null;
		SimulatedAnswer answer;
		if (status < 300) {
			answer = SimulatedAnswer.brokenSuccess((shape != null) ? shape : SimulatedAnswer.BodyShape.EMPTY);
		}
		else {
			answer = json.hasNonNull("errorGroup") ? SimulatedAnswer.error(status, json.get("errorGroup").asString(),
					json.path("errorCode").asString()) : SimulatedAnswer.status(status);
			if (shape != null) {
				answer = answer.withBody(shape);
			}
		}
		if (json.hasNonNull("errorMessage")) {
			answer = answer.withMessage(json.get("errorMessage").asString());
		}
		if (json.has("retryAfterSeconds")) {
			answer = answer.withRetryAfter(json.get("retryAfterSeconds").isNull() ? null
					: Duration.ofSeconds(json.get("retryAfterSeconds").asLong()));
		}
		return answer;
	}

	private Mono<ServerResponse> withBody(ServerRequest request, Function<JsonNode, Object> action) {
		// Off the event loop: an action may call the merchant and wait for its answer (an
		// express approval asks for shipping details and waits up to 10 s, as Vipps does;
		// a consent removal reports the merchant's status).
		return request.bodyToMono(String.class)
			.publishOn(Schedulers.boundedElastic())
			.defaultIfEmpty("{}")
			.flatMap((text) -> {
				try {
					JsonNode body = VippsPayloads.parse(text.isBlank() ? "{}" : text);
					return json(action.apply(body));
				}
				catch (IllegalStateException ex) {
					return error(409, ex.getMessage());
				}
				catch (RuntimeException ex) {
					return error(400, ex.getMessage());
				}
			});
	}

	private Mono<ServerResponse> json(Object value) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(VippsApiRoutes.VERSION_HEADER, VippsApiRoutes.VERSION)
			.bodyValue(VippsPayloads.JSON.writeValueAsString(value));
	}

	private static Mono<ServerResponse> error(int status, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.header(VippsApiRoutes.VERSION_HEADER, VippsApiRoutes.VERSION)
			.bodyValue(VippsPayloads.JSON.createObjectNode().put("error", String.valueOf(message)).toString());
	}

}
