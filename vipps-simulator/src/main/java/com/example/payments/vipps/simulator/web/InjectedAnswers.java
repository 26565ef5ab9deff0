package com.example.payments.vipps.simulator.web;

import java.util.List;
import java.util.UUID;

import com.example.payments.vipps.simulator.SimulatedAnswer;
import com.example.payments.vipps.simulator.SimulatorFaults;
import com.example.payments.vipps.simulator.engine.VippsApiException;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Renders the answers fault injection asks for ({@link SimulatedAnswer}) and drops
 * connections without answering.
 */
final class InjectedAnswers {

	/**
	 * What is recorded when the connection was closed instead of answered.
	 */
	static final VippsApiRoutes.Answer NO_ANSWER = new VippsApiRoutes.Answer(-1, "", null);

	/**
	 * What a broken success carries as timestamps: a date Vipps' ISO-8601 readers reject.
	 */
	static final String ODD_TIMESTAMP = "14.11.2018 15:22:46";

	private static final MediaType HTML_UTF8 = MediaType.parseMediaType("text/html;charset=UTF-8");

	private InjectedAnswers() {
	}

	/**
	 * The answer as it goes on the wire.
	 * @param answer the injected answer
	 * @param appliedBody the real 2xx body when the call was applied, else null
	 * @return status, body, Retry-After and content type
	 */
	static VippsApiRoutes.Answer render(SimulatedAnswer answer, String appliedBody) {
		Long retryAfter = (answer.retryAfter() != null) ? Math.max(0, (answer.retryAfter().toMillis() + 999) / 1000)
				: null;
		int status = answer.httpStatus();
		return switch (answer.body()) {
			case VIPPS_ERROR_ARRAY -> new VippsApiRoutes.Answer(status, VippsPayloads.errorArray(
					VippsApiException.vipps(status, answer.errorGroup(), answer.errorCode(), answer.errorMessage()),
					UUID.randomUUID().toString()), retryAfter);
			case APIM -> new VippsApiRoutes.Answer(status,
					VippsPayloads.JSON.createObjectNode()
						.put("statusCode", status)
						.put("message", answer.errorMessage())
						.toString(),
					retryAfter);
			case AZURE -> new VippsApiRoutes.Answer(status, azure(status, answer.errorMessage()), retryAfter);
			case EMPTY -> new VippsApiRoutes.Answer(status, "", retryAfter);
			case HTML -> new VippsApiRoutes.Answer(status, "<html><head><title>" + status + " " + reason(status)
					+ "</title></head><body><h1>" + reason(status) + "</h1></body></html>", retryAfter, HTML_UTF8);
			case ODD_TIMESTAMPS ->
				new VippsApiRoutes.Answer(status, oddTimestamps((appliedBody != null) ? appliedBody : ""), retryAfter);
		};
	}

	/**
	 * The {@code injectedFault} recorded with the exchange: the fault kind, and for
	 * injected answers their body shape ({@code FAIL:VIPPS_ERROR_ARRAY},
	 * {@code APPLY_THEN_FAIL:ODD_TIMESTAMPS}).
	 * @param decision the fault decision
	 * @return the description
	 */
	static String describe(SimulatorFaults.Decision decision) {
		boolean shaped = decision.kind() == SimulatorFaults.Decision.Kind.FAIL
				|| decision.kind() == SimulatorFaults.Decision.Kind.APPLY_THEN_FAIL;
		return shaped ? decision.kind().name() + ":" + decision.answer().body().name() : decision.kind().name();
	}

	/**
	 * Closes the connection of {@code request} without an answer: the caller wrote its
	 * request and sees the connection lost.
	 * @param request the request
	 * @return completes once the close was requested
	 */
	static Mono<ServerResponse> dropConnection(ServerRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
		if (!(nativeRequest instanceof HttpServerRequest netty)) {
			return Mono.error(new IllegalStateException(
					"dropping a connection needs Reactor Netty, the server is " + nativeRequest.getClass().getName()));
		}
		netty.withConnection((connection) -> connection.channel().close());
		return Mono.empty();
	}

	private static String azure(int status, String message) {
		ObjectNode node = VippsPayloads.JSON.createObjectNode();
		node.putObject("responseInfo").put("responseCode", status).put("responseMessage", reason(status));
		node.putObject("result").put("message", message);
		return node.toString();
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	private static String oddTimestamps(String body) {
		if (body.isEmpty()) {
			return body;
		}
		JsonNode json = VippsPayloads.parse(body);
		replaceTimestamps(json);
		return json.toString();
	}

	private static void replaceTimestamps(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				if ("timeStamp".equals(name) && object.get(name).isString()) {
					object.put(name, ODD_TIMESTAMP);
				}
				else {
					replaceTimestamps(object.get(name));
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(InjectedAnswers::replaceTimestamps);
		}
	}

}
