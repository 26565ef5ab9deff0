package com.example.payments.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.kafka.streams.SkipUnknownEventTypes;
import com.example.payments.kafka.streams.StreamsAvroSerdes;
import com.example.payments.reconciliation.StandInServices.Payment;
import com.example.payments.reconciliation.config.ReconciliationProperties;
import com.example.payments.reconciliation.domain.CheckLadder;
import com.example.payments.reconciliation.tracking.CheckRequest;
import com.example.payments.reconciliation.tracking.DetailsChecks;
import com.example.payments.reconciliation.tracking.ReconciliationMetrics;
import com.example.payments.reconciliation.tracking.ReconciliationTopology;
import com.example.payments.reconciliation.tracking.TrackerSettings;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.serde.registry.SchemaRegistryClient;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatorProperties;
import com.example.payments.vipps.simulator.VippsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * {@code bin/bench reconciliation}: the tracker's state and tick cost with a million open
 * payments, and the time from a dropped callback to the corrected event with the default
 * ladder.
 * <ol>
 * <li><b>State and ticks.</b> The topology (RocksDB, on the in-process broker, one
 * partition, so one task holds every payment) reads a million {@code PaymentInitiated}
 * events. After a warm-up group, three groups of them come due at chosen moments, 0.1 %,
 * 1 % and 10 % of the open payments; each group is handed out by one tick to a poller
 * that only counts (the tick is the stream thread's work: scan the due index, load,
 * reschedule and store each payment, hand it over). The same groups are then handed out
 * with only themselves open: the baseline. A tick is measured on the stream thread from
 * its scan to the group's last hand-out, in CPU time (the machine may be shared) and wall
 * time. Reported: bytes per payment (stored payment plus its index entry, and RocksDB's
 * files after a flush) and each group's tick.</li>
 * <li><b>Dropped callbacks.</b> The service as deployed (default ladder, grace and
 * budgets) against the simulator with every callback dropped: payments initiated at ten a
 * second, each approved by its user a random 3 to 40 s later; the time from the approval
 * to the reconciled {@code PaymentReserved} on the topic, and each payment's
 * {@code /details} calls until then against what the ladder documents for its age.</li>
 * </ol>
 * Options: {@code --open=N} (default 1,000,000), {@code --payments=N} (default 200). The
 * last line: {@code BENCH reconciliation per_s=<hand-outs per second of tick CPU time
 * at 10 % due> p50_ms p99_ms=<dropped callback to corrected event> baseline=<the same
 * hand-outs per second with only the due payments open> ratio=...} and the details.
 */
public final class ReconciliationBenchmark {

	private static final String MSN = ReconciliationHarness.MSN;

	private static final int[] GROUPS = { 1_000, 10_000, 100_000 };

	private static final int WARM_UP = 10_000;

	/**
	 * Readings beyond the ladder the README documents for a payment whose reservation
	 * only polling finds: one, {@code callback-grace} after it was first seen.
	 */
	private static final int GRACE_READINGS = 1;

	private ReconciliationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		quietLogs();
		int open = 1_000_000;
		int payments = 200;
		for (String arg : args) {
			if (arg.startsWith("--open=")) {
				open = Integer.parseInt(arg.substring("--open=".length()));
			}
			else if (arg.startsWith("--payments=")) {
				payments = Integer.parseInt(arg.substring("--payments=".length()));
			}
			else {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: --open=N, --payments=N");
			}
		}
		int groupsTotal = WARM_UP + GROUPS[0] + GROUPS[1] + GROUPS[2];
		if (open < groupsTotal) {
			throw new IllegalArgumentException("--open must be at least " + groupsTotal);
		}
		Path work = Files.createTempDirectory("reconciliation-bench");
		try (KafkaTestEnvironment.Environment kafka = KafkaTestEnvironment.Environment.start()) {
			Ticks full = ticks(kafka, work.resolve("full"), "bench-full", open - groupsTotal);
			Ticks baseline = ticks(kafka, work.resolve("baseline"), "bench-baseline", 0);
			Corrections corrections = corrections(kafka, work.resolve("corrections"), payments);
			report(open, full, baseline, corrections);
		}
		finally {
			delete(work);
		}
	}

	// Kafka's clients log every configuration at INFO: the results would drown.
	private static void quietLogs() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		}
	}

	// ---- state and ticks ----

	private static Ticks ticks(KafkaTestEnvironment.Environment kafka, Path stateDir, String name, int background)
			throws Exception {
		String events = name + ".payments.events.v1";
		String commands = name + ".payments.commands.v1";
		kafka.broker().createTopics(1, events, commands);
		Map<String, Object> registry = Map.of("schema.registry.url", kafka.schemaRegistryUrl());
		StreamsAvroSerdes serdes = new StreamsAvroSerdes(SchemaRegistryClient.create(registry), registry);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ReconciliationMetrics metrics = new ReconciliationMetrics(meters);
		CountingChecks checks = new CountingChecks();
		double[] cpuMillis = new double[GROUPS.length];
		double[] wallMillis = new double[GROUPS.length];
		ReconciliationProperties defaults = defaults();
		StreamsBuilder builder = new StreamsBuilder();
		ReconciliationTopology.build(builder, new ReconciliationTopology.Topics(events, commands), serdes.value(),
				serdes.value(), new SkipUnknownEventTypes<>(new UnknownEventTypes(meters)), defaults.schedule(), checks,
				new TrackerSettings(Duration.ofMillis(100), Duration.ofHours(1), 1_000_000, 1_000, Duration.ofDays(1)),
				metrics);
		Properties properties = new Properties();
		properties.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
		properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000);
		properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
		properties.put(StreamsConfig.consumerPrefix("max.poll.records"), 5_000);
		KafkaStreams streams = new KafkaStreams(builder.build(), properties);
		streams.start();
		try (KafkaProducer<String, Object> producer = producer(kafka)) {
			long started = System.nanoTime();
			// Due in a day: open, not due.
			long inADay = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
			for (int i = 0; i < background; i++) {
				send(producer, events, "bench-open-" + i, inADay);
			}
			producer.flush();
			awaitOpen(meters, background, Duration.ofMinutes(20));
			double loadSeconds = (System.nanoTime() - started) / 1e9;
			// The groups: due at three moments a few seconds apart, once all are loaded,
			// after a warm-up group (not measured) so that neither run is measured with
			// cold code.
			long first = System.currentTimeMillis() + 35_000;
			long[] dueAt = { first, first + 12_000, first + 30_000 };
			long warmUpOpenedAt = first - 10_000 - defaults.ladders().userWindow().firstCheck().toMillis();
			for (int i = 0; i < WARM_UP; i++) {
				send(producer, events, "bench-warm-" + i, warmUpOpenedAt);
			}
			int loaded = background + WARM_UP;
			for (int g = 0; g < GROUPS.length; g++) {
				long openedAt = dueAt[g] - defaults.ladders().userWindow().firstCheck().toMillis();
				for (int i = 0; i < GROUPS[g]; i++) {
					send(producer, events, "bench-due-" + g + "-" + i, openedAt);
				}
				loaded += GROUPS[g];
			}
			producer.flush();
			awaitOpen(meters, loaded, Duration.ofMinutes(5));
			if (System.currentTimeMillis() > dueAt[0] - 3_000) {
				throw new IllegalStateException("Loading the due groups took too long to measure their ticks apart");
			}
			await(() -> checks.started.get() >= WARM_UP, Duration.ofMinutes(2));
			long handedOut = WARM_UP;
			for (int g = 0; g < GROUPS.length; g++) {
				checks.measure(handedOut, GROUPS[g]);
				handedOut += GROUPS[g];
				await(checks::measured, Duration.ofMinutes(2));
				if (!checks.inOneTick()) {
					throw new IllegalStateException("Group " + g + " was not handed out in one tick");
				}
				cpuMillis[g] = checks.cpuNanos() / 1e6;
				wallMillis[g] = checks.wallNanos() / 1e6;
			}
			long[] stored = storedBytes(streams);
			streams.close(Duration.ofMinutes(1));
			long disk = directorySize(stateDir);
			return new Ticks(loaded, loadSeconds, cpuMillis, wallMillis, (double) stored[0] / stored[1],
					(double) disk / loaded);
		}
		finally {
			streams.close(Duration.ofMinutes(1));
		}
	}

	// The service's defaults, bound as Spring binds them from no configuration at all.
	private static ReconciliationProperties defaults() {
		return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("reconciliation",
				ReconciliationProperties.class);
	}

	private static KafkaProducer<String, Object> producer(KafkaTestEnvironment.Environment kafka) {
		Map<String, Object> properties = kafka.avroProducerProperties();
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		properties.put(ProducerConfig.ACKS_CONFIG, "1");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		return new KafkaProducer<>(properties);
	}

	private static void send(KafkaProducer<String, Object> producer, String topic, String orderId, long openedAt) {
		PaymentKey key = PaymentKey.of(MSN, orderId);
		Instant at = Instant.ofEpochMilli(openedAt);
		PaymentEvent event = PaymentEvent.newBuilder()
			.setEventId(PaymentEventIds.initiated(key))
			.setMerchantSerialNumber(MSN)
			.setOrderId(orderId)
			.setOccurredAt(at)
			.setOccurredAtOrigin(OccurredAtOrigin.LEARNED)
			.setRecordedAt(at)
			.setSource(EventSource.COMMAND)
			.setCommandId(null)
			.setEvent(PaymentInitiated.newBuilder()
				.setAmount(20_000)
				.setPaymentType(PaymentType.REGULAR)
				.setUrl("https://api.vipps.no/dwo-api-application/v1/deeplink/vippsgateway?v=2&token=" + orderId)
				.setUrlStatus(PaymentUrlStatus.ISSUED)
				.setUrlExpiresAt(at.plus(Duration.ofMinutes(5)))
				.build())
			.build();
		producer.send(new ProducerRecord<>(topic, key.asString(), event));
	}

	private static void awaitOpen(SimpleMeterRegistry meters, long count, Duration within) {
		await(() -> meters.get(ReconciliationMetrics.OPEN).tag("state", "initiated").gauge().value() >= count, within);
	}

	// The stored payment and its index entry, per payment: key and value bytes.
	private static long[] storedBytes(KafkaStreams streams) {
		long bytes = 0;
		long payments = 0;
		ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
				ReconciliationTopology.paymentsStore(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
		try (KeyValueIterator<String, byte[]> all = store.all()) {
			while (all.hasNext()) {
				var entry = all.next();
				// Its index entry: [length][msn][8 bytes][orderId] with an empty value.
				String orderId = entry.key.substring(entry.key.indexOf(':') + 1);
				bytes += entry.key.length() + entry.value.length + 1 + MSN.length() + 8 + orderId.length();
				payments++;
			}
		}
		return new long[] { bytes, payments };
	}

	// ---- dropped callbacks ----

	private static Corrections corrections(KafkaTestEnvironment.Environment kafka, Path stateDir, int count)
			throws Exception {
		String[] topics = ReconciliationHarness.topics(kafka, "bench-corrections", 3);
		ScheduledExecutorService users = Executors.newScheduledThreadPool(2);
		try (VippsSimulator simulator = ReconciliationHarness.simulator(false)
			.recordExchanges(SimulatorProperties.Exchanges.Recording.BOUNDED, 500_000)
			.start();
				StandInServices services = new StandInServices(kafka, simulator, topics[0], topics[1]);
				PublishedEvents events = new PublishedEvents(kafka, topics[0]);
				ServiceUnderTest service = ReconciliationHarness.startAsDeployed(kafka, simulator, topics,
						"bench-corrections-" + System.nanoTime(), stateDir, "logging.level.root=WARN")) {
			simulator.faults().callbacks().dropRate(1.0);
			KafkaStreams streams = service.context().getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
			await(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofMinutes(1));
			CheckLadder ladder = service.context().getBean(ReconciliationProperties.class).ladders().userWindow();
			Map<String, Long> approvedAt = new ConcurrentHashMap<>();
			// Before the initiate command is issued: no later than the ladder's start.
			Map<String, Long> initiatingAt = new HashMap<>();
			List<Payment> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				long next = System.nanoTime() + 100_000_000L;
				String orderId = "bench-dropped-" + i;
				initiatingAt.put(orderId, System.currentTimeMillis());
				Payment payment = services.payment(MSN, orderId).initiate(20000);
				started.add(payment);
				long delay = ThreadLocalRandom.current().nextLong(3_000, 40_000);
				users.schedule(() -> {
					approvedAt.put(payment.orderId(), System.currentTimeMillis());
					payment.approve();
				}, delay, TimeUnit.MILLISECONDS);
				awaitUntilNanos(next);
			}
			await(() -> started.stream().allMatch((payment) -> reservedSeen(events, payment) != null),
					Duration.ofMinutes(5));
			List<Long> latencies = new ArrayList<>();
			int overLadder = 0;
			int mostCalls = 0;
			int mostOver = 0;
			int overDocumented = 0;
			long after = 0;
			Map<String, List<Long>> calls = serviceCalls(simulator);
			for (Payment payment : started) {
				latencies.add(reservedSeen(events, payment) - approvedAt.get(payment.orderId()));
				long openedAt = initiatingAt.get(payment.orderId());
				long correctedAt = reconciled(events, payment).getRecordedAt().toEpochMilli();
				List<Long> made = calls.getOrDefault(payment.orderId(), List.of());
				long before = made.stream().filter((at) -> at <= correctedAt).count();
				after += made.size() - before;
				mostCalls = (int) Math.max(mostCalls, before);
				int over = (int) before - ladder.checksWithin(Duration.ofMillis(correctedAt - openedAt));
				// One more reading is documented: callback-grace after the reservation
				// was first seen, before the ladder's next check.
				if (over > GRACE_READINGS) {
					overDocumented++;
				}
				if (over > 0) {
					overLadder++;
					mostOver = Math.max(mostOver, over);
				}
			}
			latencies.sort(Comparator.naturalOrder());
			return new Corrections(count, percentile(latencies, 0.50), percentile(latencies, 0.99),
					latencies.get(latencies.size() - 1), mostCalls, ladder.maxChecks(), overLadder, mostOver,
					overDocumented, after);
		}
		finally {
			users.shutdownNow();
		}
	}

	private static PaymentEvent reconciled(PublishedEvents events, Payment payment) {
		return events.reconciled(payment.key())
			.stream()
			.filter((event) -> event.getEvent() instanceof PaymentReserved)
			.findFirst()
			.orElse(null);
	}

	private static Long reservedSeen(PublishedEvents events, Payment payment) {
		PaymentEvent reserved = reconciled(events, payment);
		return (reserved != null) ? events.firstSeen(reserved.getEventId()) : null;
	}

	// The service's /details calls (not the stand-in services'), by order: when each was
	// made.
	private static Map<String, List<Long>> serviceCalls(VippsSimulator simulator) {
		Map<String, List<Long>> calls = new HashMap<>();
		for (RecordedExchange exchange : simulator.exchanges()) {
			if (exchange.kind() == RecordedExchange.Kind.DETAILS
					&& !StandInServices.PLUGIN_NAME.equals(exchange.requestHeader("Vipps-System-Plugin-Name"))) {
				calls.computeIfAbsent(exchange.orderId(), (orderId) -> new ArrayList<>())
					.add(exchange.at().toEpochMilli());
			}
		}
		return calls;
	}

	private static long percentile(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
	}

	// ---- report ----

	private static void report(int open, Ticks full, Ticks baseline, Corrections corrections) {
		System.out.printf(
				"state: %,d open payments loaded in %.1f s; %.0f bytes per payment stored (payment + index"
						+ " entry), %.0f bytes per payment in RocksDB's files%n",
				full.open(), full.loadSeconds(), full.storedBytesPerPayment(), full.diskBytesPerPayment());
		for (int g = 0; g < GROUPS.length; g++) {
			System.out.printf(
					"tick: %,7d due of %,9d open: %7.1f ms CPU (%4.1f us per due payment), %7.1f ms wall; with only"
							+ " %,d open: %7.1f ms CPU, %7.1f ms wall%n",
					GROUPS[g], full.open(), full.tickMillis()[g], 1000 * full.tickMillis()[g] / GROUPS[g],
					full.wallMillis()[g], baseline.open(), baseline.tickMillis()[g], baseline.wallMillis()[g]);
		}
		System.out.printf("dropped callbacks: %d payments, corrected p50 %d ms, p99 %d ms, max %d ms after the user"
				+ " approved; at most %d /details calls per payment until corrected (the user-window ladder: at most"
				+ " %d, fewer for a younger payment); %d payments made more calls than the ladder's checks for their"
				+ " age, by at most %d (the reading callback-grace after the reservation was first seen), %d more"
				+ " than the README documents (the ladder plus that reading); %d calls after a correction%n",
				corrections.payments(), corrections.p50(), corrections.p99(), corrections.max(),
				corrections.mostCalls(), corrections.documented(), corrections.overLadder(), corrections.mostOver(),
				corrections.overDocumented(), corrections.callsAfter());
		double perSecond = GROUPS[2] / (full.tickMillis()[2] / 1000);
		double baselinePerSecond = GROUPS[2] / (baseline.tickMillis()[2] / 1000);
		System.out.printf("BENCH reconciliation per_s=%.0f p50_ms=%d p99_ms=%d baseline=%.0f ratio=%.2f open=%d"
				+ " state_bytes_per_payment=%.0f disk_bytes_per_payment=%.0f tick_cpu_ms_0.1pct=%.1f"
				+ " tick_cpu_ms_1pct=%.1f tick_cpu_ms_10pct=%.1f baseline_tick_cpu_ms_0.1pct=%.1f"
				+ " baseline_tick_cpu_ms_1pct=%.1f baseline_tick_cpu_ms_10pct=%.1f payments=%d details_calls_max=%d"
				+ " details_calls_documented=%d over_ladder_checks=%d over_documented=%d%n", perSecond,
				corrections.p50(), corrections.p99(), baselinePerSecond, perSecond / baselinePerSecond, open,
				full.storedBytesPerPayment(), full.diskBytesPerPayment(), full.tickMillis()[0], full.tickMillis()[1],
				full.tickMillis()[2], baseline.tickMillis()[0], baseline.tickMillis()[1], baseline.tickMillis()[2],
				corrections.payments(), corrections.mostCalls(), corrections.documented(), corrections.overLadder(),
				corrections.overDocumented());
	}

	// ---- waiting ----

	private static void await(BooleanSupplier condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not reached within " + within);
			}
			pause(20);
		}
	}

	private static void awaitUntil(long epochMillis) {
		while (System.currentTimeMillis() < epochMillis) {
			pause(Math.min(50, epochMillis - System.currentTimeMillis()));
		}
	}

	private static void awaitUntilNanos(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			pause(TimeUnit.NANOSECONDS.toMillis(left));
		}
	}

	private static void pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(Math.max(1, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long directorySize(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/**
	 * A poller that reads nothing: it takes every check and counts it, so a tick costs
	 * only the stream thread's own work. It measures one group's hand-out on the stream
	 * thread: from the tick's budget question (asked once per sales unit, just before its
	 * due checks are scanned) to the group's last hand-out, in the thread's CPU time
	 * (what the tick costs, whatever else the machine runs) and in wall time.
	 */
	private static final class CountingChecks implements DetailsChecks {

		private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		private final AtomicLong started = new AtomicLong();

		private long lastAskedCpu;

		private long lastAskedWall;

		private long lastAskedTick;

		private long ticks;

		private volatile long first = -1;

		private volatile long last = -1;

		private long startCpu;

		private long startWall;

		private long startTick;

		private volatile long endCpu;

		private volatile long endWall;

		private volatile long endTick = -1;

		void measure(long firstIndex, int count) {
			this.endTick = -1;
			this.first = firstIndex;
			this.last = firstIndex + count - 1;
		}

		boolean measured() {
			return this.endTick >= 0;
		}

		boolean inOneTick() {
			return this.endTick == this.startTick;
		}

		long cpuNanos() {
			return this.endCpu - this.startCpu;
		}

		long wallNanos() {
			return this.endWall - this.startWall;
		}

		@Override
		public int room(String msn) {
			this.lastAskedTick = ++this.ticks;
			this.lastAskedCpu = THREADS.getCurrentThreadCpuTime();
			this.lastAskedWall = System.nanoTime();
			return Integer.MAX_VALUE;
		}

		@Override
		public boolean start(CheckRequest request) {
			long index = this.started.getAndIncrement();
			if (index == this.first) {
				this.startCpu = this.lastAskedCpu;
				this.startWall = this.lastAskedWall;
				this.startTick = this.lastAskedTick;
			}
			if (index == this.last) {
				this.endCpu = THREADS.getCurrentThreadCpuTime();
				this.endWall = System.nanoTime();
				this.endTick = this.lastAskedTick;
			}
			return true;
		}

	}

	private record Ticks(int open, double loadSeconds, double[] tickMillis, double[] wallMillis,
			double storedBytesPerPayment, double diskBytesPerPayment) {

	}

	private record Corrections(int payments, long p50, long p99, long max, int mostCalls, int documented,
			int overLadder, int mostOver, int overDocumented, long callsAfter) {

	}

}
