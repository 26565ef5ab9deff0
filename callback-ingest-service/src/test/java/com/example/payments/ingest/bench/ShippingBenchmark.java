package com.example.payments.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import com.example.payments.ingest.SampleShippingRules;
import com.example.payments.ingest.shipping.ShippingRulesConsumer;
import com.example.payments.ingest.shipping.domain.ShippingRulesStore;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import io.netty.handler.codec.http.HttpMethod;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/bench shipping}: what holding every payment's shipping rules costs, and how
 * fast shipping-details calls are answered from them.
 * <ol>
 * <li>The service starts on an empty rules topic; then {@code payments} payments with
 * rules of their own each (the worst case: no two alike) are published, and then as many
 * again sharing three merchant tables (the usual case). The heap the service holds after
 * each, after garbage collection, divided by the payments, is the memory per
 * payment.</li>
 * <li>A second instance starts on the full topic: the time until it is ready is the
 * catch-up a new instance needs.</li>
 * <li>Shipping-details calls for random known payments at a fixed rate (open model), then
 * stepping up to the highest sustained rate; a bare WebFlux endpoint without anything
 * behind it gets the same load in the same run as the baseline.</li>
 * </ol>
 * Options ({@code --name=value}): {@code payments} (1000000), {@code partitions} (3),
 * {@code rate} (500), {@code warm-up-seconds} (60: the service and the bare endpoint each
 * get calls at {@code rate} this long first, so the JIT has compiled their paths before
 * latency is measured; 30 s left the service's first measured run a few milliseconds
 * slower than the later, faster ones), {@code seconds} (30), {@code step-seconds} (10),
 * {@code rates} (steps, default 1000,2000,4000,6000,8000,10000,14000,20000,30000). The
 * last line is the BENCH line of STYLE.md.
 */
public final class ShippingBenchmark {

	private static final String MSN = "123456";

	private ShippingBenchmark() {
	}

	public static void main(String[] args) {
		Map<String, String> options = options(args);
		int payments = Integer.parseInt(options.getOrDefault("payments", "1000000"));
		int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
		int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
		Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up-seconds", "60")));
		Duration seconds = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));
		Duration step = Duration.ofSeconds(Long.parseLong(options.getOrDefault("step-seconds", "10")));
		List<Integer> rates = Arrays
			.stream(options.getOrDefault("rates", "1000,2000,4000,6000,8000,10000,14000,20000,30000").split(","))
			.map(Integer::valueOf)
			.toList();
		try (BenchInfrastructure infrastructure = BenchInfrastructure.start(partitions)) {
			// Memory: one instance, before and after the rules arrive.
			Memory memory = measureMemory(infrastructure, payments);

			// Catch-up of a new instance, then latency.
			long started = System.nanoTime();
			ConfigurableApplicationContext service = infrastructure.startService();
			try {
				awaitCaughtUp(service);
				double catchUpSeconds = (System.nanoTime() - started) / 1e9;
				System.out.printf(Locale.ROOT, "a new instance is ready with %d payments' rules after %.1f s%n",
						2 * payments, catchUpSeconds);
				FixedRateLoad.Result latency;
				int sustained;
				try (FixedRateLoad load = new FixedRateLoad("http://127.0.0.1:" + BenchInfrastructure.port(service))) {
					System.out.println("callback-ingest-service, shipping details:");
					System.out.println("  warm-up " + load.run(rate, warmUp, shippingCalls(2 * payments)));
					latency = load.run(rate, seconds, shippingCalls(2 * payments));
					System.out.println("  latency " + latency);
					sustained = ladder(load, rates, step, shippingCalls(2 * payments));
				}
				FixedRateLoad.Result bareLatency;
				int bareSustained;
				try (BareWebFluxEndpoint bare = BareWebFluxEndpoint.start();
						FixedRateLoad load = new FixedRateLoad(bare.baseUrl())) {
					System.out.println("bare WebFlux endpoint:");
					System.out.println("  warm-up " + load.run(rate, warmUp, shippingCalls(2 * payments)));
					bareLatency = load.run(rate, seconds, shippingCalls(2 * payments));
					System.out.println("  latency " + bareLatency);
					bareSustained = ladder(load, rates, step, shippingCalls(2 * payments));
				}
				System.out.println(String.format(Locale.ROOT,
						"BENCH shipping per_s=%d p50_ms=%.2f p99_ms=%.2f baseline=%d ratio=%.3f rate=%d "
								+ "baseline_p99_ms=%.2f payments=%d bytes_per_payment_distinct=%d "
								+ "bytes_per_payment_shared=%d catch_up_s=%.1f errors=%d",
						sustained, latency.p50Ms(), latency.p99Ms(), bareSustained, (double) sustained / bareSustained,
						rate, bareLatency.p99Ms(), 2 * payments, memory.bytesDistinct(), memory.bytesShared(),
						catchUpSeconds, latency.errors()));
			}
			finally {
				service.close();
			}
		}
	}

	/**
	 * Start an instance, publish the rules and measure its heap, then close it. A method
	 * of its own, so that nothing in {@code main}'s frame keeps its store reachable: it
	 * did, and the next instance's latency then paid for collecting a heap twice the
	 * size.
	 * @return bytes per payment with rules of its own, and with shared rules
	 */
	private static Memory measureMemory(BenchInfrastructure infrastructure, int payments) {
		ConfigurableApplicationContext first = infrastructure.startService();
		try {
			awaitCaughtUp(first);
			ShippingRulesStore store = first.getBean(ShippingRulesStore.class);
			long empty = BenchInfrastructure.usedHeapAfterGc();
			publish(infrastructure, 0, payments, (i) -> true);
			awaitPayments(store, payments);
			long distinct = BenchInfrastructure.usedHeapAfterGc();
			publish(infrastructure, payments, payments, (i) -> false);
			awaitPayments(store, 2 * payments);
			long shared = BenchInfrastructure.usedHeapAfterGc();
			long bytesDistinct = (distinct - empty) / payments;
			long bytesShared = (shared - distinct) / payments;
			System.out.printf(Locale.ROOT,
					"memory: %d payments with rules of their own: %d MB (%d bytes each); %d more sharing 3 "
							+ "tables: %d MB (%d bytes each); %d distinct rule sets%n",
					payments, (distinct - empty) >> 20, bytesDistinct, payments, (shared - distinct) >> 20, bytesShared,
					store.distinctRuleSets());
			return new Memory(bytesDistinct, bytesShared);
		}
		finally {
			first.close();
			// Its rules are garbage now: collect them before anything is timed.
			System.gc();
		}
	}

	private static int ladder(FixedRateLoad load, List<Integer> rates, Duration step,
			IntFunction<FixedRateLoad.Request> calls) {
		int best = 0;
		for (int rate : rates) {
			FixedRateLoad.Result result = load.run(rate, step, calls);
			System.out.println("  " + result);
			if (!result.sustained()) {
				result = load.run(rate, step, calls);
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
	 * Publish rules for payments {@code from..from+count-1}.
	 * @param distinct whether payment i gets rules of its own (else one of three tables)
	 */
	private static void publish(BenchInfrastructure infrastructure, int from, int count, IntPredicate distinct) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put("schema.registry.url", infrastructure.registryUrl());
		KafkaAvroSerializer<Object> values = new KafkaAvroSerializer<>();
		values.configure(config, false);
		long started = System.nanoTime();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
			for (int i = from; i < from + count; i++) {
				long cost = distinct.test(i) ? 4900 + i : 4900 + 1000L * (i % 3);
				producer.send(new ProducerRecord<>(BenchInfrastructure.SHIPPING_RULES, MSN + ":" + orderId(i),
						SampleShippingRules.oslo(cost)));
			}
			producer.flush();
		}
		System.out.printf(Locale.ROOT, "published %d payments' rules in %.1f s%n", count,
				(System.nanoTime() - started) / 1e9);
	}

	private static String orderId(int i) {
		return "acme-shop-123-order-" + i;
	}

	private static IntFunction<FixedRateLoad.Request> shippingCalls(int payments) {
		CallbackAuthTokens tokens = new CallbackAuthTokens(BenchInfrastructure.SECRET, null);
		byte[] body = ("{\"addressId\":3961,\"addressLine1\":\"Robert Levins gate 5\",\"city\":\"Oslo\","
				+ "\"country\":\"NO\",\"postCode\":\"0154\",\"addressType\":\"W\"}")
			.getBytes(StandardCharsets.UTF_8);
		return (i) -> {
			String orderId = orderId(Math.floorMod(i * 7919, payments));
			return new FixedRateLoad.Request(HttpMethod.POST,
					"/vipps/shipping/v2/payments/" + orderId + "/shippingDetails", Map.of("Authorization",
							tokens.tokenFor(MSN, orderId), "Content-Type", "application/json;charset=UTF-8"),
					body);
		};
	}

	private static void awaitCaughtUp(ConfigurableApplicationContext service) {
		ShippingRulesConsumer consumer = service.getBean(ShippingRulesConsumer.class);
		awaitCondition(consumer::isCaughtUp, "the shipping rules to catch up");
	}

	private static void awaitPayments(ShippingRulesStore store, int payments) {
		awaitCondition(() -> store.payments() >= payments, payments + " payments in the store");
	}

	private static void awaitCondition(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out waiting for " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> known = new ArrayList<>(
				List.of("payments", "partitions", "rate", "warm-up-seconds", "seconds", "step-seconds", "rates"));
		for (String arg : args) {
			String[] option = arg.split("=", 2);
			String name = option[0].replaceFirst("^--", "");
			if (option.length != 2 || !known.contains(name)) {
				throw new IllegalArgumentException("unknown option " + arg + " (--" + String.join(", --", known) + ")");
			}
			options.put(name, option[1]);
		}
		return options;
	}

	/**
	 * Heap per payment's rules.
	 *
	 * @param bytesDistinct with rules of its own
	 * @param bytesShared with one of a few shared tables
	 */
	private record Memory(long bytesDistinct, long bytesShared) {
	}

}
