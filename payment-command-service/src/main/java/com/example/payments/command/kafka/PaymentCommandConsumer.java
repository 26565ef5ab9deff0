package com.example.payments.command.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.example.payments.command.consumer.ConsumerFailures;
import com.example.payments.command.consumer.KeyOrderedConsumer;
import com.example.payments.command.consumer.KeyOrderedConsumerSettings;
import com.example.payments.command.consumer.RecordHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the command topic's {@link KeyOrderedConsumer} on a thread of its own for as long
 * as the application runs: started last, stopped first (before the producer and the Vipps
 * client close), so a shutdown lets running commands finish, hands waiting ones back and
 * commits what finished. Should the consumer loop itself fail, it is started again with a
 * fresh consumer after a pause; nothing uncommitted is lost meanwhile.
 * <p>
 * Meters: {@value #IN_FLIGHT} (commands being carried out), {@value #UNFINISHED} (those
 * plus commands waiting behind an earlier one of their payment), and the consumer's own
 * Kafka metrics, lag included ({@code kafka.consumer.fetch.manager.records.lag.max}).
 */
public final class PaymentCommandConsumer implements SmartLifecycle {

	/** Commands being carried out now. */
	public static final String IN_FLIGHT = "payments.commands.in.flight";

	/** Commands handed out and not finished. */
	public static final String UNFINISHED = "payments.commands.unfinished";

	private static final Logger logger = LoggerFactory.getLogger(PaymentCommandConsumer.class);

	private static final Duration RESTART_PAUSE = Duration.ofSeconds(5);

	private final Supplier<Consumer<String, Object>> consumers;

	private final String topic;

	private final RecordHandler<String, Object> handler;

	private final Executor workers;

	private final KeyOrderedConsumerSettings settings;

	private final ConsumerFailures failures;

	private final MeterRegistry meters;

	private final AtomicReference<KeyOrderedConsumer<String, Object>> current = new AtomicReference<>();

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	private volatile Thread thread;

	/**
	 * Create the runner.
	 * @param consumers makes a Kafka consumer (automatic commits off)
	 * @param topic the command topic
	 * @param handler the work per command
	 * @param workers where commands start
	 * @param settings limits and timeouts
	 * @param failures the shared failure handling
	 * @param meters where the gauges and Kafka metrics go
	 */
	public PaymentCommandConsumer(Supplier<Consumer<String, Object>> consumers, String topic,
			RecordHandler<String, Object> handler, Executor workers, KeyOrderedConsumerSettings settings,
			ConsumerFailures failures, MeterRegistry meters) {
		this.consumers = consumers;
		this.topic = topic;
		this.handler = handler;
		this.workers = workers;
		this.settings = settings;
		this.failures = failures;
		this.meters = meters;
	}

	@Override
	public void start() {
		Gauge.builder(IN_FLIGHT, this, (runner) -> runner.count(true))
			.description("Payment commands being carried out")
			.register(this.meters);
		Gauge.builder(UNFINISHED, this, (runner) -> runner.count(false))
			.description("Payment commands handed out and not finished (in flight, or waiting behind their payment's)")
			.register(this.meters);
		Thread runner = new Thread(this::runUntilStopped, this.settings.name());
		this.thread = runner;
		runner.start();
	}

	@Override
	public void stop() {
		this.stopRequested.countDown();
		KeyOrderedConsumer<String, Object> consumer = this.current.get();
		try {
			if (consumer != null && !consumer.stop(this.settings.drainTimeout().plusSeconds(15))) {
				logger.warn("{} did not stop in time; its uncommitted commands go to the next owner",
						this.settings.name());
			}
			Thread runner = this.thread;
			if (runner != null) {
				runner.join(TimeUnit.SECONDS.toMillis(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void runUntilStopped() {
		while (this.stopRequested.getCount() > 0) {
			try {
				runOnce();
			}
			catch (RuntimeException ex) {
				logger.error("{} failed; starting it again in {} s", this.settings.name(), RESTART_PAUSE.toSeconds(),
						ex);
				try {
					this.stopRequested.await(RESTART_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void runOnce() {
		Consumer<String, Object> kafka = this.consumers.get();
		KeyOrderedConsumer<String, Object> consumer = new KeyOrderedConsumer<>(kafka, List.of(this.topic), this.handler,
				this.workers, this.settings, this.failures);
		this.current.set(consumer);
		try (KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(kafka)) {
			kafkaMetrics.bindTo(this.meters);
			if (this.stopRequested.getCount() == 0) {
				// Stopped before it ran: it closes its consumer at once.
				consumer.stop(Duration.ZERO);
			}
			consumer.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private double count(boolean running) {
		KeyOrderedConsumer<String, Object> consumer = this.current.get();
		if (consumer == null) {
			return 0;
		}
		return running ? consumer.running() : consumer.unfinished();
	}

}
