package com.example.payments.ingest.bench;

import java.time.Duration;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The baseline: a Spring WebFlux functional endpoint on Reactor Netty that reads the
 * request body and answers 200, with nothing behind it (no parsing, no Kafka): as cheap
 * as an endpoint on the service's stack gets.
 */
final class BareWebFluxEndpoint implements AutoCloseable {

	private final DisposableServer server;

	private BareWebFluxEndpoint(DisposableServer server) {
		this.server = server;
	}

	static BareWebFluxEndpoint start() {
		var route = RouterFunctions.route(RequestPredicates.POST("/**"),
				(request) -> DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
					.doOnNext(DataBufferUtils::release)
					.then(ServerResponse.ok().build()));
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(route)))
			.bindNow();
		return new BareWebFluxEndpoint(server);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(10));
	}

}
