package com.example.payments.vipps.simulator.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import com.example.payments.vipps.simulator.engine.VippsApiException;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers what no route matched the way Vipps' API gateway does, in the gateway error
 * shape ({@code {"statusCode":404,"message":"Resource not found"}}, or the Azure shape
 * when {@code gateway-error-format=AZURE}): 404 for an unknown path, 405 with
 * {@code Allow} for a known path called with another method. Must be the last route.
 */
public final class UnmatchedRequests {

	private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE);

	private final SimulatorEngine engine;

	private final RouterFunction<ServerResponse> known;

	/**
	 * For the routes in {@code known}.
	 * @param engine the engine (error format, recording)
	 * @param known every other route
	 */
	public UnmatchedRequests(SimulatorEngine engine, RouterFunction<ServerResponse> known) {
		this.engine = engine;
		this.known = known;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route(RequestPredicates.all(), this::answer);
	}

	private Mono<ServerResponse> answer(ServerRequest request) {
		Instant at = this.engine.clock().now();
		long started = System.nanoTime();
		return Flux.fromIterable(METHODS)
			.filter((method) -> !method.equals(request.method()))
			.filterWhen((method) -> this.known.route(ServerRequest.from(request).method(method).build()).hasElement())
			.collectList()
			.flatMap((allowed) -> {
				String path = request.uri().getRawPath();
				VippsApiException error = allowed.isEmpty()
						? VippsApiException.gateway(404, "Resource not found: " + request.method().name() + " " + path)
						: VippsApiException.gateway(405, "Method " + request.method().name() + " is not allowed on "
								+ path + "; allowed: " + names(allowed));
				String body = VippsPayloads.gatewayError(error, this.engine.properties().gatewayErrorFormat());
				Map<String, List<String>> headers = new LinkedHashMap<>();
				headers.put(VippsApiRoutes.VERSION_HEADER, List.of(VippsApiRoutes.VERSION));
				headers.put(HttpHeaders.CONTENT_TYPE, List.of(VippsApiRoutes.JSON_UTF8.toString()));
				if (!allowed.isEmpty()) {
					headers.put(HttpHeaders.ALLOW, List.of(names(allowed)));
				}
				return request.bodyToMono(String.class).defaultIfEmpty("").flatMap((requestBody) -> {
					record(request, at, started, requestBody, error.httpStatus(), headers, body);
					return ServerResponse.status(error.httpStatus())
						.headers((all) -> headers.forEach(all::addAll))
						.bodyValue(body);
				});
			});
	}

	private void record(ServerRequest request, Instant at, long started, String requestBody, int status,
			Map<String, List<String>> headers, String body) {
		if (!this.engine.recorder().recording()) {
			return;
		}
		this.engine.recorder()
			.record(new RecordedExchange(this.engine.recorder().nextSequence(), at, Kind.UNKNOWN, null, null,
					request.method().name(), request.uri().toString(),
					VippsApiRoutes.headers(request.headers().asHttpHeaders()), requestBody, status, headers, body,
					Duration.ofNanos(System.nanoTime() - started), null, null));
	}

	private static String names(List<HttpMethod> methods) {
		return methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
	}

}
