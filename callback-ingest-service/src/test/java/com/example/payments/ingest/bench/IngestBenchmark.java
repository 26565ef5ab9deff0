package com.example.payments.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import io.netty.handler.codec.http.HttpMethod;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/bench ingest}: callbacks per second and latency of callback-ingest-service
 * at fixed rates (an open model: requests start on schedule whatever the service does,
 * latency counts from the scheduled time), with acks=all on a real broker; in the same
 * run, the two ceilings it cannot exceed: the raw Kafka producer (acks=all, idempotent)
 * on the same broker, and a bare WebFlux endpoint without Kafka under the same load.
 * Broker, registry, service and load generator share this JVM and the machine's cores.
 * <p>
 * Rates step up until one is not sustained (an error, under 97% of the rate answered, or
 * p99 above 200 ms); the highest sustained rate is the result. Each callback is a regular
 * payment's {@code RESERVED}: one event.
 * <p>
 * Options ({@code --name=value}): {@code partitions} (3), {@code warmup-seconds} (20),
 * {@code step-seconds} (10), {@code latency-rate} (2000), {@code latency-seconds} (20),
 * {@code rates} (comma-separated steps, default
 * 3000,4000,5000,6000,7000,8000,10000,12000, 14000,17000,20000,25000,30000). The last
 * line is the BENCH line of STYLE.md.
 */
public final class IngestBenchmark {

	private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

	private IngestBenchmark() {
	}

	public static void main(String[] args) {
		Options options = Options.parse(args);
		try (BenchInfrastructure infrastructure = BenchInfrastructure.start(options.partitions())) {
			double producerCeiling = 0;
			int bareCeiling = 0;
			if (!options.skipBaseline()) {
				producerCeiling = ProducerCeiling.recordsPerSecond(infrastructure.bootstrapServers(),
						BenchInfrastructure.CEILING, Duration.ofSeconds(10));
				System.out.printf(Locale.ROOT, "raw producer (acks=all, idempotent, linger 1 ms): %.0f records/s%n",
						producerCeiling);
				try (BareWebFluxEndpoint bare = BareWebFluxEndpoint.start();
						FixedRateLoad load = new FixedRateLoad(bare.baseUrl())) {
					System.out.println("bare WebFlux endpoint:");
					warmUp(load, options.warmupSeconds() / 2, "bare");
					bareCeiling = ladder(load, options, "bare");
				}
			}
			ConfigurableApplicationContext service = infrastructure.startService();
			try (FixedRateLoad load = new FixedRateLoad("http://127.0.0.1:" + BenchInfrastructure.port(service))) {
				System.out.println("callback-ingest-service:");
				warmUp(load, options.warmupSeconds(), "service");
				int sustained = ladder(load, options, "service");
				// Let the queue of the rate that was too much drain, then measure
				// latency.
				load.run(options.latencyRate(), Duration.ofSeconds(10), callbacks("settle"));
				FixedRateLoad.Result latency = load.run(options.latencyRate(),
						Duration.ofSeconds(options.latencySeconds()), callbacks("latency"));
				System.out.println("  latency " + latency);
				if (options.skipBaseline()) {
					return;
				}
				int lowerCeiling = (int) Math.min(producerCeiling, bareCeiling);
				System.out.println(String.format(Locale.ROOT,
						"BENCH ingest per_s=%d p50_ms=%.2f p99_ms=%.2f baseline=%d ratio=%.3f producer_ceiling=%.0f "
								+ "webflux_ceiling=%d latency_rate=%d latency_errors=%d events_per_callback=1 "
								+ "partitions=%d acks=all",
						sustained, latency.p50Ms(), latency.p99Ms(), lowerCeiling, (double) sustained / lowerCeiling,
						producerCeiling, bareCeiling, options.latencyRate(), latency.errors(), options.partitions()));
			}
			finally {
				service.close();
			}
		}
	}

	/**
	 * Let the JIT compile the hot paths under a load that grows to 3000/s: a cold service
	 * at full rate only builds a queue it spends the run draining.
	 */
	private static void warmUp(FixedRateLoad load, int seconds, String name) {
		for (int rate : new int[] { 500, 1000, 2000, 3000 }) {
			System.out.println("  warm-up " + load.run(rate, Duration.ofSeconds(Math.max(1, seconds / 4)),
					callbacks(name + "-warmup-" + rate)));
		}
	}

	/**
	 * Step the rate up until one is not sustained.
	 * @return the highest sustained rate, 0 when none was
	 */
	private static int ladder(FixedRateLoad load, Options options, String name) {
		int best = 0;
		for (int rate : options.rates()) {
			FixedRateLoad.Result result = load.run(rate, Duration.ofSeconds(options.stepSeconds()),
					callbacks(name + "-" + rate));
			System.out.println("  " + result);
			if (!result.sustained()) {
				// One more try, so that a stall of the shared machine does not end the
				// search.
				result = load.run(rate, Duration.ofSeconds(options.stepSeconds()), callbacks(name + "-again-" + rate));
				System.out.println("  " + result);
				if (!result.sustained()) {
					break;
				}
			}
			best = rate;
		}
		return best;
	}

	/**
	 * Regular payments' {@code RESERVED} callbacks, one order each, with their tokens.
	 */
	static IntFunction<FixedRateLoad.Request> callbacks(String phase) {
		CallbackAuthTokens tokens = new CallbackAuthTokens(BenchInfrastructure.SECRET, null);
		return (i) -> {
			String orderId = "bench-" + RUN + "-" + phase + "-" + i;
			String body = "{\"merchantSerialNumber\":123456,\"orderId\":\"" + orderId
					+ "\",\"transactionInfo\":{\"amount\":20000,\"status\":\"RESERVED\","
					+ "\"timeStamp\":\"2026-12-01T10:00:00.000Z\",\"transactionId\":\"5001420062\"}}";
			return new FixedRateLoad.Request(
					HttpMethod.POST, "/vipps/callbacks/v2/payments/" + orderId, Map.of("Authorization",
							tokens.tokenFor("123456", orderId), "Content-Type", "application/json;charset=UTF-8"),
					body.getBytes(StandardCharsets.UTF_8));
		};
	}

	private record Options(int partitions, int warmupSeconds, int stepSeconds, int latencyRate, int latencySeconds,
			List<Integer> rates, boolean skipBaseline) {

		static Options parse(String[] args) {
			int partitions = 3;
			int warmupSeconds = 40;
			boolean skipBaseline = false;
			int stepSeconds = 10;
			int latencyRate = 2000;
			int latencySeconds = 20;
			List<Integer> rates = new ArrayList<>(List.of(3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000,
					14000, 16000, 18000, 20000, 23000, 26000, 30000));
			for (String arg : args) {
				if (arg.equals("--skip-baseline")) {
					skipBaseline = true;
					continue;
				}
				String[] option = arg.split("=", 2);
				if (option.length != 2) {
					throw new IllegalArgumentException("options are --name=value, was " + arg);
				}
				switch (option[0]) {
					case "--partitions" -> partitions = Integer.parseInt(option[1]);
					case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(option[1]);
					case "--step-seconds" -> stepSeconds = Integer.parseInt(option[1]);
					case "--latency-rate" -> latencyRate = Integer.parseInt(option[1]);
					case "--latency-seconds" -> latencySeconds = Integer.parseInt(option[1]);
					case "--rates" -> rates = Arrays.stream(option[1].split(",")).map(Integer::valueOf).toList();
					default -> throw new IllegalArgumentException("unknown option " + option[0]
							+ " (--partitions, --warmup-seconds, --step-seconds, --latency-rate, --latency-seconds, "
							+ "--rates, --skip-baseline)");
				}
			}
			return new Options(partitions, warmupSeconds, stepSeconds, latencyRate, latencySeconds, rates,
					skipBaseline);
		}

	}

}
