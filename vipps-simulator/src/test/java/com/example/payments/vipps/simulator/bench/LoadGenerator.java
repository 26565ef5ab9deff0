package com.example.payments.vipps.simulator.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Drives payments through a server the way a merchant's services would: initiate, force
 * approve (Vipps' test-environment approval, which makes the simulator send a callback),
 * capture, details. Four API calls per payment, {@code concurrency} payments at a time.
 * Records every call's latency and samples the server's CPU time at fixed call counts.
 */
final class LoadGenerator {

	private static final String JSON = "application/json;charset=UTF-8";

	private final HttpClient http;

	private final ConnectionProvider connections;

	private final int concurrency;

	private final String callbackPrefix;

	private final String runId = Long.toString(System.currentTimeMillis(), 36);

	LoadGenerator(int port, int concurrency, String callbackPrefix, String accessToken, String subscriptionKey) {
		this.concurrency = concurrency;
		this.callbackPrefix = callbackPrefix;
		this.connections = ConnectionProvider.builder("bench")
			.maxConnections(concurrency)
			.pendingAcquireMaxCount(-1)
			.build();
		this.http = HttpClient.create(this.connections)
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.headers((headers) -> headers.set("Authorization", "Bearer " + accessToken)
				.set("Ocp-Apim-Subscription-Key", subscriptionKey)
				.set("Vipps-System-Name", "bench")
				.set("Vipps-System-Version", "0.1.0")
				.set("Vipps-System-Plugin-Name", "bench")
				.set("Vipps-System-Plugin-Version", "0.1.0"));
	}

	/**
	 * Runs {@code payments} payments; the first {@code warmupCalls} calls are not
	 * measured.
	 * @param payments how many payments (four calls each)
	 * @param warmupCalls calls before measuring starts
	 * @param window calls in the first and in the last measured window
	 * @param serverCpu the server's CPU time so far
	 * @return the measurements
	 */
	Run run(int payments, int warmupCalls, int window, Supplier<Duration> serverCpu) {
		int total = payments * 4;
		int measured = total - warmupCalls;
		if (measured < 2 * window) {
			throw new IllegalArgumentException(
					"need at least two windows of " + window + " measured calls, have " + measured);
		}
		int[] marks = { warmupCalls, warmupCalls + window, total - window, total };
		Checkpoint[] checkpoints = new Checkpoint[marks.length];
		long[] latencies = new long[total];
		AtomicInteger completed = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		Call call = (method, path, body, requestId) -> Mono.defer(() -> {
			long started = System.nanoTime();
			return send(method, path, body, requestId).doOnNext((response) -> {
				long latency = System.nanoTime() - started;
				if (response.status() != 200) {
					errors.incrementAndGet();
					firstError.compareAndSet(null,
							method + " " + path + " -> " + response.status() + " " + response.body());
				}
				int index = completed.getAndIncrement();
				latencies[index] = latency;
				for (int i = 0; i < marks.length; i++) {
					if (index + 1 == marks[i]) {
						checkpoints[i] = new Checkpoint(System.nanoTime(), serverCpu.get().toNanos());
					}
				}
			});
		});
		Flux.range(0, payments).flatMap((i) -> payment(call, this.runId + "-" + i), this.concurrency).blockLast();
		long[] measuredLatencies = Arrays.copyOfRange(latencies, warmupCalls, total);
		Arrays.sort(measuredLatencies);
		return new Run(measured, window, checkpoints[0], checkpoints[1], checkpoints[2], checkpoints[3],
				percentile(measuredLatencies, 0.50), percentile(measuredLatencies, 0.99), errors.get(),
				firstError.get());
	}

	private Mono<Response> payment(Call call, String orderId) {
		return call.send(HttpMethod.POST, "/ecomm/v2/payments", initiate(orderId), null)
			.flatMap((initiated) -> call.send(HttpMethod.POST,
					"/ecomm/v2/integration-test/payments/" + orderId + "/approve",
					"{\"customerPhoneNumber\":\"91234567\",\"token\":\"" + token(initiated.body()) + "\"}", null))
			.flatMap((approved) -> call.send(HttpMethod.POST, "/ecomm/v2/payments/" + orderId + "/capture",
					"{\"merchantInfo\":{\"merchantSerialNumber\":\"123456\"},"
							+ "\"transaction\":{\"amount\":20000,\"transactionText\":\"Shipped\"}}",
					"capture-" + orderId))
			.flatMap((captured) -> call.send(HttpMethod.GET, "/ecomm/v2/payments/" + orderId + "/details", null, null));
	}

	private String initiate(String orderId) {
		return "{\"customerInfo\":{},\"merchantInfo\":{\"merchantSerialNumber\":\"123456\",\"callbackPrefix\":\""
				+ this.callbackPrefix + "\",\"fallBack\":\"https://shop.example.com/result/" + orderId
				+ "\",\"authToken\":\"secret-" + orderId + "\"},\"transaction\":{\"orderId\":\"" + orderId
				+ "\",\"amount\":20000,\"transactionText\":\"One pair of socks\"}}";
	}

	private static String token(String initiateResponse) {
		int start = initiateResponse.indexOf("token=");
		if (start < 0) {
			return "none";
		}
		int end = initiateResponse.indexOf('"', start);
		return initiateResponse.substring(start + "token=".length(), (end > 0) ? end : initiateResponse.length());
	}

	private Mono<Response> send(HttpMethod method, String path, String body, String requestId) {
		HttpClient client = this.http.headers((headers) -> {
			if (body != null) {
				headers.set("Content-Type", JSON);
			}
			if (requestId != null) {
				headers.set("X-Request-Id", requestId);
			}
		});
		HttpClient.ResponseReceiver<?> request = (body != null)
				? client.request(method)
					.uri(path)
					.send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
				: client.request(method).uri(path);
		return request.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map((text) -> new Response(response.status().code(), text)));
	}

	void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(10));
	}

	private static double percentile(long[] sorted, double share) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	@FunctionalInterface
	private interface Call {

		Mono<Response> send(HttpMethod method, String path, String body, String requestId);

	}

	private record Response(int status, String body) {
	}

	/**
	 * Wall-clock and server CPU time when a given number of calls had completed.
	 *
	 * @param wallNanos {@link System#nanoTime()}
	 * @param cpuNanos the server's CPU time
	 */
	record Checkpoint(long wallNanos, long cpuNanos) {
	}

	/**
	 * One measured run.
	 *
	 * @param calls measured calls
	 * @param window calls per window
	 * @param start when measuring started
	 * @param firstWindowEnd after the first window
	 * @param lastWindowStart before the last window
	 * @param end when the last call completed
	 * @param p50Ms median latency
	 * @param p99Ms 99th percentile latency
	 * @param errors answers other than 200
	 * @param firstError the first of them, or null
	 */
	record Run(int calls, int window, Checkpoint start, Checkpoint firstWindowEnd, Checkpoint lastWindowStart,
			Checkpoint end, double p50Ms, double p99Ms, long errors, String firstError) {

		double perSecond() {
			return this.calls / ((this.end.wallNanos() - this.start.wallNanos()) / 1e9);
		}

		double cpuMsPerCall() {
			return (this.end.cpuNanos() - this.start.cpuNanos()) / 1e6 / this.calls;
		}

		double cpuMsFirst() {
			return (this.firstWindowEnd.cpuNanos() - this.start.cpuNanos()) / 1e6 / this.window;
		}

		double cpuMsLast() {
			return (this.end.cpuNanos() - this.lastWindowStart.cpuNanos()) / 1e6 / this.window;
		}

	}

}
