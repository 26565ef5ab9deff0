package com.example.payments.vipps.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.awaitility.Awaitility.await;

/**
 * A tiny merchant on loopback: records what Vipps sends and answers as told.
 */
final class MerchantReceiver implements AutoCloseable {

	/** In a shipping answer, replaced by the orderId of the call. */
	static final String ORDER_ID = "{orderId}";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<String> shippingAnswer = new AtomicReference<>();

	private final AtomicReference<CountDownLatch> shippingHold = new AtomicReference<>(new CountDownLatch(0));

	private MerchantReceiver(HttpServer server) {
		this.server = server;
	}

	static MerchantReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			MerchantReceiver receiver = new MerchantReceiver(server);
			server.createContext("/", receiver::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/merchant";
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	List<Received> callbacks() {
		return this.received.stream()
			.filter((r) -> r.path().contains("/v2/payments/") && !isShippingCall(r.path()))
			.toList();
	}

	List<Received> shippingCalls() {
		return this.received.stream().filter((r) -> isShippingCall(r.path())).toList();
	}

	private static boolean isShippingCall(String path) {
		return path.endsWith("/shippingDetails");
	}

	/**
	 * Waits for the first callback about an order.
	 * @param orderId the order
	 * @return the callback
	 */
	Received awaitCallback(String orderId) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> callbacks().stream().anyMatch((r) -> r.path().endsWith("/" + orderId)));
		return callbacks().stream().filter((r) -> r.path().endsWith("/" + orderId)).findFirst().orElseThrow();
	}

	void answerWith(int status) {
		this.status.set(status);
	}

	void answerAfter(Duration delay) {
		this.delay.set(delay);
	}

	/**
	 * Answer shipping-details calls with this body.
	 * @param body the answer, {@link #ORDER_ID} replaced by the call's orderId
	 */
	void shippingAnswer(String body) {
		this.shippingAnswer.set(body);
	}

	/**
	 * Hold every shipping-details answer until the latch is released.
	 * @param hold released when the merchant may answer
	 */
	void holdShippingAnswers(CountDownLatch hold) {
		this.shippingHold.set(hold);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
			Duration wait = this.delay.get();
			if (!wait.isZero()) {
				// A slow merchant: the handler thread holds the answer back on purpose.
				Thread.sleep(wait.toMillis());
			}
			String path = exchange.getRequestURI().getRawPath();
			boolean shippingCall = isShippingCall(path);
			if (shippingCall && !this.shippingHold.get().await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("a held shipping-details answer was never released");
			}
			String answer = "";
			if (shippingCall && this.shippingAnswer.get() != null) {
				String[] segments = path.split("/");
				answer = this.shippingAnswer.get().replace(ORDER_ID, segments[segments.length - 2]);
				exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
			}
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status.get(), (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The simulator gave up waiting; nothing to answer.
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String method, String path, String authorization, String contentType, String body) {
	}

}
