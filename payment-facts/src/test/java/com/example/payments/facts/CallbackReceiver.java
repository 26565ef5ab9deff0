package com.example.payments.facts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's callback endpoint on loopback: keeps the bodies Vipps posts to
 * {@code {callbackPrefix}/v2/payments/{orderId}} and answers 200 at once.
 */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, List<byte[]>> callbacks = new ConcurrentHashMap<>();

	private CallbackReceiver(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static CallbackReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ExecutorService executor = Executors.newCachedThreadPool();
			CallbackReceiver receiver = new CallbackReceiver(server, executor);
			server.createContext("/", receiver::handle);
			server.setExecutor(executor);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The prefix to initiate payments with (Vipps appends
	 * {@code /v2/payments/{orderId}}).
	 * @return the callback prefix
	 */
	String callbackPrefix() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/vipps";
	}

	/**
	 * The callbacks received for an order, oldest first.
	 * @param orderId the order
	 * @return the raw bodies
	 */
	List<byte[]> callbacks(String orderId) {
		return List.copyOf(this.callbacks.getOrDefault(orderId, List.of()));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath();
			int payments = path.indexOf("/v2/payments/");
			if (payments >= 0) {
				String orderId = path.substring(payments + "/v2/payments/".length());
				this.callbacks.computeIfAbsent(orderId, (id) -> new CopyOnWriteArrayList<>()).add(body.readAllBytes());
			}
			exchange.sendResponseHeaders(200, -1);
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
