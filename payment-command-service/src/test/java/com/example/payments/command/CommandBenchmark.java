package com.example.payments.command;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.example.payments.command.consumer.HandBack;
import com.example.payments.command.handling.PaymentCommandHandler;
import com.example.payments.command.kafka.PaymentCommandConsumer;
import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.testsupport.kafka.KafkaTestBroker;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatorProperties;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * {@code bin/bench commands}: initiates through the service against the simulator with
 * Vipps' latency injected, and in the same run through a plain sequential listener (what
 * {@code @KafkaListener} builds: a {@link ConcurrentMessageListenerContainer}, one thread
 * per partition, each handling one record at a time and committing after it) on the same
 * topic and partitions, with the service's own command handler, Vipps client and
 * producer, so the only difference is how records are consumed. Everything runs in this
 * JVM: broker, registry, simulator, service.
 * <p>
 * Each command is an initiate of a payment of its own. The load generator keeps
 * {@code --window} commands unanswered at a time (a closed loop: the latency includes
 * waiting behind the other commands in flight, about {@code window / throughput});
 * command-to-event latency is from the command's send to the generator reading its event;
 * the sequential listener gets a window of two per partition, all it can use. Options:
 * {@code --commands=N} (20,000), {@code --warmup=N} (10,000, not measured: the JIT
 * compiler competes for the two cores long after start), {@code --baseline-commands=N}
 * (400), {@code --partitions=N} (12), {@code --latency-ms=N} (150), {@code --window=N}
 * (2,000), {@code --max-connections=N} (Vipps connections, 1,000). The last line:
 *
 * <pre>
 * BENCH commands per_s=... p50_ms=... p99_ms=... baseline=... ratio=... baseline_p50_ms=... baseline_p99_ms=... commands=... baseline_commands=... partitions=... latency_ms=... window=... cpu_ms_per_command=... baseline_cpu_ms_per_command=... cpus=... load=... errors=...
 * </pre>
 */
public final class CommandBenchmark {

	private static final String MSN = CommandServiceRun.MSN;

	private final Map<String, Integer> options;

	private final String bootstrapServers;

	private final String registryUrl;

	private final String commandsTopic;

	private final String eventsTopic;

	private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

	private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();

	private final AtomicLong unexpected = new AtomicLong();

	private volatile Semaphore window;

	private CommandBenchmark(Map<String, Integer> options, String bootstrapServers, String registryUrl) {
		this.options = options;
		this.bootstrapServers = bootstrapServers;
		this.registryUrl = registryUrl;
		this.commandsTopic = "bench." + Topics.PAYMENT_COMMANDS;
		this.eventsTopic = "bench." + Topics.PAYMENT_EVENTS;
	}

	public static void main(String[] args) throws Exception {
		Map<String, Integer> options = options(args);
		try (KafkaTestBroker broker = KafkaTestBroker.start();
				SchemaRegistryLite registry = SchemaRegistryLite.start(0);
				VippsSimulator simulator = VippsSimulator.builder()
					.port(0)
					.merchant(SimulatedMerchant.of(MSN, "client-id-1", "client-secret-1", "subscription-key-1"))
					.recordExchanges(SimulatorProperties.Exchanges.Recording.OFF)
					.maxPayments(200_000)
					.start()) {
			simulator.faults()
				.latency(SimulatedOperation.INITIATE, Duration.ofMillis(options.get("latency-ms")), Duration.ZERO);
			new CommandBenchmark(options, broker.bootstrapServers(), registry.url()).run(broker, simulator);
		}
		// Kafka's and Netty's non-daemon threads would keep the JVM alive.
		System.exit(0);
	}

	private void run(KafkaTestBroker broker, VippsSimulator simulator) throws Exception {
		int partitions = this.options.get("partitions");
		broker.createTopics(partitions, this.commandsTopic, this.eventsTopic, "bench." + Topics.PAYMENT_SHIPPING_RULES,
				Topics.deadLetterTopicOf(this.commandsTopic));
		List<String> properties = new ArrayList<>(CommandServiceRun.serviceProperties(simulator, "bench",
				List.of("vipps.client.max-connections=" + this.options.get("max-connections"),
						"vipps.client.read-timeout=10s", "vipps.client.retry.max-total-time=20s")));
		properties.add("server.port=0");
		properties.add("management.server.port=0");
		properties.add("spring.kafka.bootstrap-servers=" + this.bootstrapServers);
		properties.add("spring.kafka.properties.schema.registry.url=" + this.registryUrl);
		properties.add("logging.level.root=WARN");
		String[] args = properties.stream().map((property) -> "--" + property).toArray(String[]::new);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProperties());
				EventReader events = new EventReader()) {
			ConfigurableApplicationContext service = new SpringApplicationBuilder(
					PaymentCommandServiceApplication.class)
				.run(args);
			try {
				log("warming up: %,d commands through the service", this.options.get("warmup"));
				drive(producer, events, this.options.get("warmup"), this.options.get("window"));
				log("measuring the service: %,d commands", this.options.get("commands"));
				Result ours = drive(producer, events, this.options.get("commands"), this.options.get("window"));
				log("service: %s", ours);
				// The same handler, Vipps client and producer; only the consumption
				// differs.
				service.getBean(PaymentCommandConsumer.class).stop();
				Result baseline = runBaseline(service, producer, events);
				log("baseline: %s", baseline);
				System.out.printf(Locale.ROOT,
						"BENCH commands per_s=%.0f p50_ms=%d p99_ms=%d baseline=%.1f ratio=%.1f baseline_p50_ms=%d "
								+ "baseline_p99_ms=%d commands=%d baseline_commands=%d partitions=%d latency_ms=%d "
								+ "window=%d cpu_ms_per_command=%.2f baseline_cpu_ms_per_command=%.2f cpus=%d load=%.1f "
								+ "errors=%d%n",
						ours.perSecond(), ours.p50(), ours.p99(), baseline.perSecond(),
						ours.perSecond() / baseline.perSecond(), baseline.p50(), baseline.p99(), ours.commands(),
						baseline.commands(), partitions, this.options.get("latency-ms"), this.options.get("window"),
						ours.cpuMillisPerCommand(), baseline.cpuMillisPerCommand(),
						Runtime.getRuntime().availableProcessors(),
						ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), this.unexpected.get());
			}
			finally {
				service.close();
			}
		}
	}

	private Result runBaseline(ConfigurableApplicationContext service, KafkaProducer<String, Object> producer,
			EventReader events) throws InterruptedException, ExecutionException {
		String group = "bench-sequential-listener";
		startAtEnd(group);
		Map<String, Object> consumerProperties = new HashMap<>(
				service.getBean(KafkaProperties.class).buildConsumerProperties());
		consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		PaymentCommandHandler handler = service.getBean(PaymentCommandHandler.class);
		ContainerProperties containerProperties = new ContainerProperties(this.commandsTopic);
		containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
		containerProperties.setMessageListener((MessageListener<String, Object>) (
				record) -> handler.handle(record, new HandBack()).toCompletableFuture().join());
		ConcurrentMessageListenerContainer<String, Object> listener = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumerProperties), containerProperties);
		listener.setConcurrency(this.options.get("partitions"));
		listener.start();
		try {
			int commands = this.options.get("baseline-commands");
			log("measuring the sequential listener: %,d commands", commands);
			// It cannot use more than one command per partition at a time.
			return drive(producer, events, commands, this.options.get("partitions") * 2);
		}
		finally {
			listener.stop();
		}
	}

	/**
	 * The baseline's group starts where the service stopped, not at the topic's start.
	 */
	private void startAtEnd(String group) throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < this.options.get("partitions"); partition++) {
				latest.put(new TopicPartition(this.commandsTopic, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
			admin.alterConsumerGroupOffsets(group, ends).all().get();
		}
	}

	/**
	 * Send {@code count} initiates, at most {@code windowSize} unanswered at a time, and
	 * wait for every answer.
	 */
	private Result drive(KafkaProducer<String, Object> producer, EventReader events, int count, int windowSize)
			throws InterruptedException {
		this.window = new Semaphore(windowSize);
		List<String> ids = new ArrayList<>(count);
		Duration cpuAtStart = cpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.window.acquire();
			PaymentCommand command = Commands.initiate(MSN, Commands.newOrderId(), 10_000 + i);
			String id = command.getCommandId();
			ids.add(id);
			this.sentAt.put(id, System.nanoTime());
			producer.send(new ProducerRecord<>(this.commandsTopic,
					PaymentKey.of(command.getMerchantSerialNumber(), command.getOrderId()).asString(), command));
		}
		producer.flush();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (!this.window.tryAcquire(windowSize, 1, TimeUnit.SECONDS)) {
			events.assertReading();
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("commands unanswered after 5 minutes: "
						+ ids.stream().filter((id) -> !this.answeredAt.containsKey(id)).count());
			}
		}
		long end = ids.stream().mapToLong(this.answeredAt::get).max().orElse(start);
		long[] latencies = ids.stream()
			.mapToLong((id) -> this.answeredAt.get(id) - this.sentAt.get(id))
			.sorted()
			.toArray();
		double cpuMillisPerCommand = (cpuTime().minus(cpuAtStart).toNanos() / 1e6) / count;
		return new Result(count, count / ((end - start) / 1e9), millis(latencies, 0.50), millis(latencies, 0.99),
				cpuMillisPerCommand);
	}

	// This whole JVM: broker, registry, simulator, service and load generator.
	private static Duration cpuTime() {
		return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private static long millis(long[] sortedNanos, double quantile) {
		int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1);
		return TimeUnit.NANOSECONDS.toMillis(sortedNanos[Math.max(index, 0)]);
	}

	private Map<String, Object> producerProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
		properties.put("schema.registry.url", this.registryUrl);
		return properties;
	}

	private static Map<String, Integer> options(String[] args) {
		Map<String, Integer> options = new LinkedHashMap<>();
		options.put("commands", 30_000);
		options.put("warmup", 20_000);
		options.put("baseline-commands", 400);
		options.put("partitions", 12);
		options.put("latency-ms", 150);
		options.put("window", 1_000);
		options.put("max-connections", 1_000);
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			if (pair.length != 2 || !options.containsKey(pair[0])) {
				throw new IllegalArgumentException("unknown option " + arg + "; known: " + options.keySet());
			}
			options.put(pair[0], Integer.parseInt(pair[1]));
		}
		return options;
	}

	private static void log(String format, Object... args) {
		System.err.printf(Locale.ROOT, format + "%n", args);
	}

	/** What one side achieved. */
	private record Result(int commands, double perSecond, long p50, long p99, double cpuMillisPerCommand) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%,d commands, %.1f/s, p50 %d ms, p99 %d ms, %.2f ms CPU per command",
					this.commands, this.perSecond, this.p50, this.p99, this.cpuMillisPerCommand);
		}

	}

	/** Reads the events topic and frees a window slot per first answer. */
	private final class EventReader implements AutoCloseable {

		private final KafkaConsumer<String, Object> consumer;

		private final Thread thread;

		private volatile boolean closed;

		EventReader() {
			Map<String, Object> properties = new HashMap<>();
			properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CommandBenchmark.this.bootstrapServers);
			properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-event-reader");
			properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
			properties.put("schema.registry.url", CommandBenchmark.this.registryUrl);
			properties.put("specific.avro.reader", true);
			properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
			this.consumer = new KafkaConsumer<>(properties);
			this.consumer.subscribe(List.of(CommandBenchmark.this.eventsTopic));
			this.thread = new Thread(this::read, "bench-event-reader");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void read() {
			try {
				while (!this.closed) {
					for (ConsumerRecord<String, Object> record : this.consumer.poll(Duration.ofMillis(100))) {
						answered((PaymentEvent) record.value());
					}
				}
			}
			catch (WakeupException ex) {
				// closing
			}
			finally {
				this.consumer.close();
			}
		}

		private void answered(PaymentEvent event) {
			String id = event.getCommandId();
			if (id == null || !CommandBenchmark.this.sentAt.containsKey(id)) {
				return;
			}
			if (!(event.getEvent() instanceof PaymentInitiated)) {
				CommandBenchmark.this.unexpected.incrementAndGet();
			}
			if (CommandBenchmark.this.answeredAt.putIfAbsent(id, System.nanoTime()) == null) {
				CommandBenchmark.this.window.release();
			}
		}

		void assertReading() {
			if (!this.thread.isAlive()) {
				throw new IllegalStateException("the event reader stopped");
			}
		}

		@Override
		public void close() {
			this.closed = true;
			this.consumer.wakeup();
			try {
				this.thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
