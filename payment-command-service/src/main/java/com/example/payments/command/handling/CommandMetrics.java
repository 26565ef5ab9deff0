package com.example.payments.command.handling;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The command service's own meters (the Vipps call timers are vipps-client's, dead
 * letters and retries kafka-service-support's, consumer lag Kafka's). Tags are bounded:
 * the command type, the outcome, and the MSN only for sales units without credentials
 * (configured ones are few); never an order id.
 */
public final class CommandMetrics {

	/** Commands finished, by {@code type} and {@code outcome}. */
	public static final String COMMANDS = "payments.commands";

	/** From the command's write to Kafka to its event's acknowledgement. */
	public static final String LATENCY = "payments.commands.latency";

	/** Commands for a sales unit without credentials, by {@code msn}. */
	public static final String UNCONFIGURED_MSN = "payments.commands.unconfigured.msn";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	public CommandMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void completed(CommandContext context, CommandResult result, Duration latency) {
		String type = context.type().name().toLowerCase(Locale.ROOT);
		String outcome = result.outcome();
		String key = type + "/" + outcome;
		this.counters
			.computeIfAbsent(key,
					(ignored) -> Counter.builder(COMMANDS)
						.description("Payment commands carried out, by type and outcome (applied, failed, invalid, "
								+ "unknown: Vipps may have applied it and reconciliation resolves it)")
						.tag("type", type)
						.tag("outcome", outcome)
						.register(this.registry))
			.increment();
		this.timers
			.computeIfAbsent(key,
					(ignored) -> Timer.builder(LATENCY)
						.description("From a command's write to Kafka to the acknowledgement of its event")
						.tag("type", type)
						.tag("outcome", outcome)
						.publishPercentileHistogram()
						.register(this.registry))
			.record((latency.isNegative()) ? Duration.ZERO : latency);
	}

	void unconfiguredMsn(String msn) {
		this.counters
			.computeIfAbsent("msn/" + msn,
					(ignored) -> Counter.builder(UNCONFIGURED_MSN)
						.description("Commands for a sales unit this service has no Vipps credentials for")
						.tag("msn", msn)
						.register(this.registry))
			.increment();
	}

}
