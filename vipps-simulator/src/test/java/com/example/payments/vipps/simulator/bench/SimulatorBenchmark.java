package com.example.payments.vipps.simulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.example.payments.vipps.simulator.VippsSimulatorApplication;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code bin/bench simulator}: the standalone simulator (its own JVM, demo configuration)
 * under a merchant's load - initiate, force approve, capture, details - then a bare
 * Reactor Netty endpoint in its own JVM under the same load, in the same run. Reports
 * calls per second, latency, and the server's CPU time per call over the whole measured
 * run and over its first and last {@code window} calls; the last line is the BENCH line
 * of STYLE.md.
 * <p>
 * Options ({@code --name=value}): {@code payments} (default 75000: 300,000 calls),
 * {@code warmup-calls} (100000), {@code window} (50000), {@code concurrency} (16);
 * {@code --skip-baseline} measures the simulator only (no BENCH line; for profiling). Any
 * {@code --vipps.simulator.*} option is passed to the simulator, e.g.
 * {@code --vipps.simulator.exchanges.recording=BOUNDED} (the default here is {@code OFF},
 * what a load run uses). JVM options for both servers come from
 * {@code BENCH_SERVER_JAVA_OPTS} (default {@code -Xms512m -Xmx512m}).
 */
public final class SimulatorBenchmark {

	private static final String RECORDING = "--vipps.simulator.exchanges.recording";

	private SimulatorBenchmark() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int payments = 75_000;
		int warmupCalls = 100_000;
		int window = 50_000;
		int concurrency = 16;
		boolean baselineWanted = true;
		List<String> simulatorOptions = new ArrayList<>();
		for (String arg : args) {
			String[] option = arg.split("=", 2);
			switch (option[0]) {
				case "--payments" -> payments = Integer.parseInt(option[1]);
				case "--warmup-calls" -> warmupCalls = Integer.parseInt(option[1]);
				case "--window" -> window = Integer.parseInt(option[1]);
				case "--concurrency" -> concurrency = Integer.parseInt(option[1]);
				case "--skip-baseline" -> baselineWanted = false;
				default -> {
					if (!arg.startsWith("--vipps.simulator.")) {
						throw new IllegalArgumentException("unknown option " + arg
								+ " (--payments, --warmup-calls, --window, --concurrency, --skip-baseline, --vipps.simulator.*)");
					}
					simulatorOptions.add(arg);
				}
			}
		}
		String recording = simulatorOptions.stream()
			.filter((option) -> option.startsWith(RECORDING + "="))
			.map((option) -> option.substring(RECORDING.length() + 1))
			.findFirst()
			.orElse("OFF");
		if (simulatorOptions.stream().noneMatch((option) -> option.startsWith(RECORDING + "="))) {
			// A load run keeps no exchanges (README: "Configuration").
			simulatorOptions.add(RECORDING + "=OFF");
		}
		String javaOptions = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "-Xms512m -Xmx512m");
		List<String> jvm = Arrays.asList(javaOptions.trim().split("\\s+"));
		DisposableServer merchant = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then().then(response.status(200).send()))
			.bindNow();
		try {
			LoadGenerator.Run simulator;
			List<String> simulatorArguments = new ArrayList<>(
					List.of("--server.port={port}", "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
			simulatorArguments.addAll(simulatorOptions);
			try (BenchProcess process = BenchProcess.start("simulator", VippsSimulatorApplication.class.getName(), jvm,
					simulatorArguments, "/actuator/health")) {
				String token = accessToken(process.port());
				System.out.println("simulator (pid " + process.pid() + ") " + simulatorOptions + ": " + payments
						+ " payments x 4 calls, concurrency " + concurrency + ", " + warmupCalls + " warm-up calls");
				simulator = run(process, payments, warmupCalls, window, concurrency,
						"http://127.0.0.1:" + merchant.port() + "/merchant", token);
			}
			report("simulator", simulator);
			if (!baselineWanted) {
				return;
			}
			LoadGenerator.Run baseline;
			try (BenchProcess process = BenchProcess.start("bare-netty", BareEndpoint.class.getName(), jvm,
					List.of("{port}"), "/")) {
				System.out.println("bare Reactor Netty endpoint (pid " + process.pid() + "): same load");
				baseline = run(process, payments, warmupCalls, window, concurrency, "http://127.0.0.1:1/unused",
						"unused");
			}
			report("bare-netty", baseline);
			if (simulator.errors() > 0) {
				System.out.println("simulator answered " + simulator.errors() + " calls with an error, first: "
						+ simulator.firstError());
			}
			System.out.println(String.format(Locale.ROOT,
					"BENCH simulator per_s=%.0f p50_ms=%.3f p99_ms=%.3f baseline=%.0f ratio=%.3f cpu_ms_per_call=%.4f "
							+ "cpu_ms_first=%.4f cpu_ms_last=%.4f baseline_cpu_ms_per_call=%.4f cpu_ratio=%.2f "
							+ "initiate_per_s=%.0f capture_per_s=%.0f details_per_s=%.0f calls=%d concurrency=%d "
							+ "recording=%s errors=%d",
					simulator.perSecond(), simulator.p50Ms(), simulator.p99Ms(), baseline.perSecond(),
					simulator.perSecond() / baseline.perSecond(), simulator.cpuMsPerCall(), simulator.cpuMsFirst(),
					simulator.cpuMsLast(), baseline.cpuMsPerCall(), simulator.cpuMsPerCall() / baseline.cpuMsPerCall(),
					simulator.perSecond() / 4, simulator.perSecond() / 4, simulator.perSecond() / 4, simulator.calls(),
					concurrency, recording, simulator.errors()));
		}
		finally {
			merchant.disposeNow();
		}
	}

	private static LoadGenerator.Run run(BenchProcess process, int payments, int warmupCalls, int window,
			int concurrency, String callbackPrefix, String token) {
		LoadGenerator generator = new LoadGenerator(process.port(), concurrency, callbackPrefix, token,
				"demo-subscription-key");
		try {
			return generator.run(payments, warmupCalls, window, process::cpuTime);
		}
		finally {
			generator.close();
		}
	}

	private static void report(String name, LoadGenerator.Run run) {
		System.out.println(String.format(Locale.ROOT,
				"%-10s %d calls: %.0f calls/s, p50 %.3f ms, p99 %.3f ms, CPU per call %.4f ms "
						+ "(first %d: %.4f ms, last %d: %.4f ms), errors %d",
				name, run.calls(), run.perSecond(), run.p50Ms(), run.p99Ms(), run.cpuMsPerCall(), run.window(),
				run.cpuMsFirst(), run.window(), run.cpuMsLast(), run.errors()));
	}

	private static String accessToken(int port) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accesstoken/get"))
				.header("client_id", "demo-client-id")
				.header("client_secret", "demo-client-secret")
				.header("Ocp-Apim-Subscription-Key", "demo-subscription-key")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("access token: " + response.statusCode() + " " + response.body());
		}
		return VippsPayloads.parse(response.body()).get("access_token").asString();
	}

}
