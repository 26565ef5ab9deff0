package com.example.payments.vipps.simulator.bench;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baseline: plain Reactor Netty answering every request with a small JSON body, as
 * cheap as an HTTP endpoint on this stack gets. Run in its own JVM by
 * {@link SimulatorBenchmark}.
 */
public final class BareEndpoint {

	private static final String BODY = "{\"orderId\":\"bench\",\"url\":\"http://127.0.0.1/x?v=2&token=eyJbench\"}";

	private BareEndpoint() {
	}

	/**
	 * Serves until killed.
	 * @param args the port
	 */
	public static void main(String[] args) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(Integer.parseInt(args[0]))
			.handle((request, response) -> request.receive()
				.then()
				.then(response.header("Content-Type", "application/json;charset=UTF-8")
					.sendString(Mono.just(BODY))
					.then()))
			.bindNow();
		server.onDispose().block();
	}

}
