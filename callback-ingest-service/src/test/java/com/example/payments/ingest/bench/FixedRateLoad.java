package com.example.payments.ingest.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-model load generator: requests are started at a fixed rate whatever the server
 * does, and each latency is measured from the time the request was due, not from when it
 * could be sent, so a server that falls behind shows it in the percentiles instead of
 * slowing the load down (no coordinated omission). Its own event loop, so it does not
 * share threads with the servers measured in the same JVM.
 */
final class FixedRateLoad implements AutoCloseable {

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

	private final LoopResources loops;

	private final ConnectionProvider connections;

	private final HttpClient http;

	FixedRateLoad(String baseUrl) {
		this.loops = LoopResources.create("bench-load", 2, true);
		this.connections = ConnectionProvider.builder("bench-load")
			.maxConnections(4096)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(RESPONSE_TIMEOUT)
			.build();
		this.http = HttpClient.create(this.connections)
			.runOn(this.loops)
			.baseUrl(baseUrl)
			.responseTimeout(RESPONSE_TIMEOUT);
	}

	/**
	 * Send requests at a fixed rate and wait for every answer.
	 * @param perSecond requests started per second
	 * @param duration how long requests are started
	 * @param requests the request number i
	 * @return the measurements
	 */
	Result run(int perSecond, Duration duration, IntFunction<Request> requests) {
		int total = (int) (perSecond * duration.toMillis() / 1000);
		long interval = 1_000_000_000L / perSecond;
		long[] latencies = new long[total];
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch answered = new CountDownLatch(total);
		AtomicLong lastAnswer = new AtomicLong();
		long cpuBefore = processCpuNanos();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				// Sleeps a little longer than asked; the requests due meanwhile then go
				// out together, each measured from its own due time.
				LockSupport.parkNanos(wait);
			}
			int index = i;
			send(requests.apply(i)).subscribe((status) -> {
				long now = System.nanoTime();
				latencies[index] = now - due;
				lastAnswer.accumulateAndGet(now, Math::max);
				if (status != 200) {
					errors.incrementAndGet();
					firstError.compareAndSet(null, "HTTP " + status);
				}
				answered.countDown();
			}, (failure) -> {
				latencies[index] = RESPONSE_TIMEOUT.toNanos();
				errors.incrementAndGet();
				firstError.compareAndSet(null, failure.toString());
				answered.countDown();
			});
		}
		try {
			if (!answered.await(RESPONSE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("requests left without an answer or failure");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long cpu = processCpuNanos() - cpuBefore;
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		double seconds = (lastAnswer.get() - start) / 1e9;
		return new Result(perSecond, total, (total - errors.get()) / seconds, percentile(sorted, 0.50),
				percentile(sorted, 0.99), percentile(sorted, 0.999), errors.get(), firstError.get(), cpu / 1e6 / total);
	}

	private Mono<Integer> send(Request request) {
		return this.http.headers((headers) -> request.headers().forEach(headers::set))
			.request(request.method())
			.uri(request.path())
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
			.defaultIfEmpty(-1);
	}

	/**
	 * CPU time of this JVM (servers, broker and load generator alike): per request it
	 * shows what a change costs, compared with the baseline of the same run.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double percentile(long[] sorted, double share) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	@Override
	public void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(10));
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

	/**
	 * One request.
	 *
	 * @param method the method
	 * @param path the path
	 * @param headers its headers
	 * @param body its body
	 */
	record Request(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
	}

	/**
	 * One run at a fixed rate.
	 *
	 * @param offeredPerSecond the rate requests were started at
	 * @param requests how many
	 * @param answeredPerSecond 200 answers per second, from the first start to the last
	 * answer
	 * @param p50Ms median latency from the due time
	 * @param p99Ms 99th percentile
	 * @param p999Ms 99.9th percentile
	 * @param errors answers other than 200, failures and timeouts
	 * @param firstError the first of them, or {@code null}
	 * @param cpuMsPerRequest CPU time of the whole JVM per request
	 */
	record Result(int offeredPerSecond, int requests, double answeredPerSecond, double p50Ms, double p99Ms,
			double p999Ms, long errors, String firstError, double cpuMsPerRequest) {

		/**
		 * Whether the server kept up: every request answered 200, at (nearly) the offered
		 * rate, without a queue building up.
		 * @return {@code true} when sustained
		 */
		boolean sustained() {
			return this.errors == 0 && this.answeredPerSecond >= 0.97 * this.offeredPerSecond && this.p99Ms <= 200;
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT,
					"offered %6d/s: answered %8.0f/s, p50 %7.2f ms, p99 %8.2f ms, p99.9 %8.2f ms, cpu %.3f ms/req, "
							+ "errors %d%s%s",
					this.offeredPerSecond, this.answeredPerSecond, this.p50Ms, this.p99Ms, this.p999Ms,
					this.cpuMsPerRequest, this.errors,
					(this.firstError != null) ? " (first: " + this.firstError + ")" : "",
					sustained() ? "" : "  <- not sustained");
		}

	}

}
