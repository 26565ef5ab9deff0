package com.example.payments.reconciliation.tracking;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.reconciliation.domain.TrackedState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

/**
 * The SRE dashboard's view of reconciliation. Gauges read what each task maintains as it
 * goes (counts per state kept with the state, the backlog counted by the ticks), never a
 * scan of the stores on a scrape. No order id is ever a tag.
 */
public final class ReconciliationMetrics {

	/** Open payments by state. */
	public static final String OPEN = "payments.reconciliation.open";

	/** Payments reconciliation gave up on (an explicit unknown state). */
	public static final String UNRESOLVED = "payments.reconciliation.unresolved";

	/** Due checks not yet handed out (budget, concurrency). */
	public static final String BACKLOG = "payments.reconciliation.due.backlog";

	/** How long the oldest due check has waited. */
	public static final String OLDEST_OVERDUE = "payments.reconciliation.overdue.oldest";

	/** Checks by outcome. */
	public static final String CHECKS = "payments.reconciliation.checks";

	/** Checks that were due but waited for a budget. */
	public static final String DEFERRED = "payments.reconciliation.checks.deferred";

	/** Facts only polling found: the callback-loss rate. */
	public static final String FACTS_FOUND = "payments.reconciliation.facts.found";

	/** Facts recorded, by who recorded them. */
	public static final String FACTS_RECORDED = "payments.reconciliation.facts.recorded";

	/** From a fact at Vipps (its timestamp) to our event of it. */
	public static final String FACT_DELAY = "payments.reconciliation.fact.delay";

	/** Reservation ageing reminders published. */
	public static final String AGEING = "payments.reconciliation.reservation.ageing";

	/** Ladders that ran out, by reason. */
	public static final String GAVE_UP = "payments.reconciliation.gave.up";

	/** How long one tick (drain, purges, hand-outs) took. */
	public static final String TICK = "payments.reconciliation.tick";

	private final MeterRegistry registry;

	private final Map<String, TaskGauges> tasks = new ConcurrentHashMap<>();

	private final Timer tick;

	public ReconciliationMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (TrackedState state : TrackedState.values()) {
			Gauge.builder(OPEN, this, (metrics) -> metrics.sum((task) -> task.count(state.name())))
				.tag("state", state.name().toLowerCase())
				.description("Payments reconciliation still checks, by state")
				.register(registry);
		}
		Gauge.builder(UNRESOLVED, this, (metrics) -> metrics.sum((task) -> task.count(TrackedPayment.UNRESOLVED)))
			.description("Payments left in an explicit unknown state")
			.register(registry);
		Gauge.builder(BACKLOG, this, (metrics) -> metrics.sum(TaskGauges::backlog))
			.description("Checks that are due and not yet started")
			.register(registry);
		TimeGauge.builder(OLDEST_OVERDUE, this, TimeUnit.MILLISECONDS, ReconciliationMetrics::oldestOverdueMillis)
			.description("How long the oldest due check has waited")
			.register(registry);
		this.tick = Timer.builder(TICK).description("Time of one tick of the tracker").register(registry);
	}

	void register(String task, TaskGauges gauges) {
		this.tasks.put(task, gauges);
	}

	void unregister(String task, TaskGauges gauges) {
		this.tasks.remove(task, gauges);
	}

	private double sum(ToLongFunction<TaskGauges> value) {
		return this.tasks.values().stream().mapToLong(value).sum();
	}

	private double oldestOverdueMillis() {
		long now = System.currentTimeMillis();
		return this.tasks.values()
			.stream()
			.mapToLong(TaskGauges::oldestDueAt)
			.filter((at) -> at > 0 && at <= now)
			.map((at) -> now - at)
			.max()
			.orElse(0);
	}

	void checked(String outcome) {
		Counter.builder(CHECKS).tag("outcome", outcome).register(this.registry).increment();
	}

	void deferred(String reason) {
		Counter.builder(DEFERRED).tag("reason", reason).register(this.registry).increment();
	}

	void found(String type, Duration sinceVipps) {
		Counter.builder(FACTS_FOUND).tag("type", type).register(this.registry).increment();
		if (sinceVipps != null && !sinceVipps.isNegative()) {
			Timer.builder(FACT_DELAY).tag("type", type).register(this.registry).record(sinceVipps);
		}
	}

	void recorded(String source, String type) {
		Counter.builder(FACTS_RECORDED).tag("source", source).tag("type", type).register(this.registry).increment();
	}

	void ageing(String deadline) {
		Counter.builder(AGEING).tag("deadline", deadline).register(this.registry).increment();
	}

	void gaveUp(String reason) {
		Counter.builder(GAVE_UP).tag("reason", reason).register(this.registry).increment();
	}

	void tick(long nanos) {
		this.tick.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * What one task reports: its counts per standing, its backlog and its oldest due
	 * check. Written by the task's stream thread, read by scrapes.
	 */
	static final class TaskGauges {

		private final Map<String, Long> counts = new ConcurrentHashMap<>();

		private volatile long backlog;

		private volatile long oldestDueAt;

		long count(String standing) {
			return this.counts.getOrDefault(standing, 0L);
		}

		void count(String standing, long count) {
			this.counts.put(standing, count);
		}

		long backlog() {
			return this.backlog;
		}

		void backlog(long backlog) {
			this.backlog = backlog;
		}

		long oldestDueAt() {
			return this.oldestDueAt;
		}

		void oldestDueAt(long at) {
			this.oldestDueAt = at;
		}

	}

}
