package com.example.payments.command.handling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import com.example.payments.command.consumer.HandBack;
import com.example.payments.command.consumer.RecordHandler;
import com.example.payments.command.consumer.UnprocessableRecord;
import com.example.payments.command.domain.CommandIdentity;
import com.example.payments.command.domain.RetryPlan;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Carries out one payment command from {@code payments.commands.v1}: checks it, calls
 * Vipps through the use case for its kind, and publishes what it came to on
 * {@code payments.events.v1} (the facts, {@code PaymentCommandFailed}, or
 * {@code PaymentOutcomeUnknown}); the record is done once the events are acknowledged.
 * Invalid commands (a command id Vipps cannot take, an invalid payment identity, a record
 * key that is not the identity, an express payment without shipping, ...) and commands
 * for a sales unit without credentials become {@code PaymentCommandFailed} at once, never
 * dead letters. Logs carry {@code msn}, {@code orderId} and {@code commandId}, never
 * secrets or personal data.
 */
public final class PaymentCommandHandler implements RecordHandler<String, Object> {

	private static final Logger logger = LoggerFactory.getLogger(PaymentCommandHandler.class);

	private final VippsClient vipps;

	private final Initiating initiating;

	private final MovingMoney movingMoney;

	private final Cancelling cancelling;

	private final Publishing publishing;

	private final PaymentMemory memory;

	private final CommandMetrics metrics;

	private final Clock clock;

	/**
	 * Create the handler.
	 * @param vipps the Vipps client
	 * @param sink where events go
	 * @param endpoints the ingest service's public prefixes
	 * @param authTokens the callback authToken HMAC
	 * @param settings how long commands keep trying
	 * @param workers where publishing starts (never an HTTP event loop)
	 * @param metrics the command meters
	 * @param clock the clock
	 */
	public PaymentCommandHandler(VippsClient vipps, PaymentEventSink sink, MerchantEndpoints endpoints,
			CallbackAuthTokens authTokens, Settings settings, Scheduler workers, CommandMetrics metrics, Clock clock) {
		this.vipps = vipps;
		this.memory = new PaymentMemory(settings.rememberedPayments());
		this.publishing = new Publishing(sink, workers);
		DetailsCheck details = new DetailsCheck(vipps, this.memory, settings.plan(), clock);
		OutcomeSteps steps = new OutcomeSteps(settings.plan(), details);
		this.initiating = new Initiating(vipps, steps, this.publishing, endpoints, authTokens, clock);
		this.movingMoney = new MovingMoney(vipps, steps, details, clock, settings.reservationWait(),
				settings.reservationPollInterval());
		this.cancelling = new Cancelling(vipps, steps, clock);
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public CompletionStage<Void> handle(ConsumerRecord<String, Object> record, HandBack handBack) {
		if (!(record.value() instanceof PaymentCommand command)) {
			return CompletableFuture.failedFuture(new UnprocessableRecord("expected a PaymentCommand, got "
					+ ((record.value() != null) ? record.value().getClass().getName() : "no value (a tombstone)")));
		}
		CommandContext context = CommandContext.of(record, command, handBack);
		return Mono.defer(() -> decide(context)).flatMap((result) -> report(context, result)).toFuture();
	}

	@Override
	public void partitionsReleased(Collection<TopicPartition> partitions) {
		// Another instance may publish for these payments now.
		this.memory.forget();
	}

	private Mono<CommandResult> decide(CommandContext context) {
		List<String> problems = new ArrayList<>(
				CommandIdentity.problems(context.recordKey(), context.commandId(), context.msn(), context.orderId()));
		if (context.type() == CommandType.INITIATE) {
			problems.addAll(Initiating.problems(context.body(InitiatePayment.class)));
		}
		if (!problems.isEmpty()) {
			return Mono.just(new CommandResult.Failed(CommandFailure.invalid(problems)));
		}
		if (context.type() != CommandType.INITIATE) {
			String failedInitiate = this.memory.failedInitiate(context.payment()).orElse(null);
			if (failedInitiate != null) {
				return Mono.just(new CommandResult.Failed(CommandFailure.neverInitiated(failedInitiate)));
			}
		}
		if (this.vipps.config().credentialsFor(context.msn()) == null) {
			this.metrics.unconfiguredMsn(context.msn());
			return Mono.just(new CommandResult.Failed(CommandFailure.noCredentials(context.msn())));
		}
		return switch (context.type()) {
			case INITIATE -> this.initiating.run(context);
			case CAPTURE -> this.movingMoney.capture(context);
			case REFUND -> this.movingMoney.refund(context);
			case CANCEL -> this.cancelling.run(context);
			case UNKNOWN -> Mono.error(new UnprocessableRecord("a command of a type this build does not know"));
		};
	}

	private Mono<Void> report(CommandContext context, CommandResult result) {
		Instant now = this.clock.instant();
		List<PaymentEvent> events = CommandEvents.of(context, result, now);
		return this.publishing.events(context, events).then(Mono.fromRunnable(() -> {
			if (CommandIdentity.isPayment(context.msn(), context.orderId())) {
				this.memory.remember(context.payment(), events);
			}
			this.metrics.completed(context, result,
					Duration.between(Instant.ofEpochMilli(context.recordTimestamp()), this.clock.instant()));
			log(context, result, events);
		}));
	}

	private static void log(CommandContext context, CommandResult result, List<PaymentEvent> events) {
		LoggingEventBuilder line;
		String what;
		if (result instanceof CommandResult.Facts) {
			line = logger.atInfo();
			what = events.stream()
				.map((event) -> event.getEvent().getClass().getSimpleName())
				.collect(Collectors.joining(", "));
		}
		else if (result instanceof CommandResult.Failed failed) {
			line = failed.failure().personMustAct() ? logger.atWarn() : logger.atInfo();
			what = "PaymentCommandFailed " + failed.failure().category() + "/" + failed.failure().code() + ": "
					+ failed.failure().message();
		}
		else {
			CommandResult.Unresolved unresolved = (CommandResult.Unresolved) result;
			line = logger.atWarn();
			what = "PaymentOutcomeUnknown " + unresolved.reason() + " (reconciliation resolves it): "
					+ unresolved.detail();
		}
		line.addKeyValue("msn", context.msn())
			.addKeyValue("orderId", context.orderId())
			.addKeyValue("commandId", context.commandId())
			.addKeyValue("commandType", context.type())
			.addKeyValue("outcome", result.outcome())
			.log("{} command {} {}: {} [msn={} orderId={}]", context.type(), context.commandId(), result.outcome(),
					what, context.msn(), context.orderId());
	}

	/**
	 * How long commands keep trying, and how much they remember.
	 *
	 * @param plan repeats of refused calls and {@code /details} reads
	 * @param reservationWait how long a capture refused as "not reserved yet" waits for
	 * the user
	 * @param reservationPollInterval how often it reads {@code /details} meanwhile
	 * @param rememberedPayments payments whose recent events are kept as context for
	 * {@code /details}
	 */
	public record Settings(RetryPlan plan, Duration reservationWait, Duration reservationPollInterval,
			int rememberedPayments) {

	}

}
