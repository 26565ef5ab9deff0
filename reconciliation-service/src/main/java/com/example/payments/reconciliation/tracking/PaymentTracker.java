package com.example.payments.reconciliation.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.example.payments.facts.DetailsFacts;
import com.example.payments.facts.DetailsReading;
import com.example.payments.facts.DetailsReading.CommandOutcome;
import com.example.payments.facts.DetailsReading.Outcome;
import com.example.payments.facts.PaymentFact;
import com.example.payments.reconciliation.domain.CheckSchedule;
import com.example.payments.reconciliation.domain.CheckSchedule.GiveUpReason;
import com.example.payments.reconciliation.domain.CheckSchedule.Next;
import com.example.payments.reconciliation.domain.FactKind;
import com.example.payments.reconciliation.domain.PendingCommand;
import com.example.payments.reconciliation.domain.RecordedFact;
import com.example.payments.reconciliation.domain.ReservationReminder;
import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentState;
import com.example.payments.schema.event.ReservationAgeing;
import com.example.payments.schema.event.ReservationDeadline;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.vipps.client.error.VippsApiException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor of reconciliation: it reads every event and command of the payments
 * of its partition into their tracked state, keeps the due index consistent with that
 * state, and on each wall-clock tick
 * <ol>
 * <li>applies the results the poller delivered (reading {@code /details} against what is
 * known, publishing what only polling found, scheduling the next check);</li>
 * <li>forgets payments closed longer than the retention;</li>
 * <li>hands the due checks to the poller, per sales unit, oldest first, as far as the
 * budgets allow, moving each one's due time to the end of its lease.</li>
 * </ol>
 * Everything that changes state happens here, on the stream thread, so under exactly-once
 * a published fact and the state that records it are committed together. A check lost in
 * a crash or a rebalance is handed out again when its lease ends: the lease is in the
 * state, and the state is in the changelog.
 */
final class PaymentTracker implements Processor<String, Object, String, PaymentEvent> {

	static final String PAYMENTS_STORE = "reconciliation-payments";

	static final String DUE_STORE = "reconciliation-due";

	static final String COUNTS_STORE = "reconciliation-counts";

	private static final Logger logger = LoggerFactory.getLogger(PaymentTracker.class);

	private final CheckSchedule schedule;

	private final DetailsChecks checks;

	private final TrackerSettings settings;

	private final ReconciliationMetrics metrics;

	private final ReconciliationMetrics.TaskGauges gauges = new ReconciliationMetrics.TaskGauges();

	private final CheckInbox inbox = new CheckInbox();

	private ProcessorContext<String, PaymentEvent> context;

	private KeyValueStore<String, byte[]> payments;

	private DueIndex due;

	private KeyValueStore<String, Long> counts;

	private String task;

	private long backlogCountedAt;

	PaymentTracker(CheckSchedule schedule, DetailsChecks checks, TrackerSettings settings,
			ReconciliationMetrics metrics) {
		this.schedule = schedule;
		this.checks = checks;
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<String, PaymentEvent> context) {
		this.context = context;
		this.payments = context.getStateStore(PAYMENTS_STORE);
		KeyValueStore<Bytes, byte[]> index = context.getStateStore(DUE_STORE);
		this.due = new DueIndex(index);
		this.counts = context.getStateStore(COUNTS_STORE);
		this.task = context.taskId().toString();
		try (KeyValueIterator<String, Long> all = this.counts.all()) {
			all.forEachRemaining((entry) -> this.gauges.count(entry.key, entry.value));
		}
		this.metrics.register(this.task, this.gauges);
		context.schedule(this.settings.tickInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
	}

	@Override
	public void close() {
		this.inbox.close();
		this.metrics.unregister(this.task, this.gauges);
	}

	// ---- events and commands ----------------------------------------------------------

	@Override
	public void process(Record<String, Object> record) {
		long now = this.context.currentSystemTimeMs();
		Object value = record.value();
		if (value instanceof PaymentEvent event) {
			PaymentKey payment = PaymentRecords.payment(record.key(), event.getMerchantSerialNumber(),
					event.getOrderId());
			RecordedFact fact = PaymentRecords.fact(event);
			Tracked tracked = load(payment, now);
			if (tracked.payment.record(fact)) {
				this.metrics.recorded(fact.source().name().toLowerCase(), event.getEvent().getClass().getSimpleName());
				replan(tracked, now);
				save(tracked);
			}
		}
		else if (value instanceof PaymentCommand command) {
			PaymentKey payment = PaymentRecords.payment(record.key(), command.getMerchantSerialNumber(),
					command.getOrderId());
			Tracked tracked = load(payment, now);
			if (tracked.payment.pending(PaymentRecords.command(command), command.getIssuedAt().toEpochMilli())) {
				replan(tracked, now);
				save(tracked);
			}
		}
		else {
			throw new IllegalArgumentException("Record " + record.key() + " holds neither an event nor a command: "
					+ ((value != null) ? value.getClass().getName() : "null"));
		}
	}

	// ---- the tick
	// -----------------------------------------------------------------------

	private void tick(long now) {
		long started = System.nanoTime();
		for (CheckResult result : this.inbox.drain()) {
			try {
				apply(result, now);
			}
			catch (RuntimeException ex) {
				// The lease hands the check out again; a bug must not stop the other
				// results.
				logger.error("Could not apply the check of {} (it is repeated when its lease ends)",
						result.payment().asString(), ex);
				this.metrics.checked("error");
			}
		}
		for (DueIndex.Due purge : this.due.duePurges(now, this.settings.maxPurgesPerTick())) {
			purge(purge, now);
		}
		handOutDueChecks(now);
		this.metrics.tick(System.nanoTime() - started);
	}

	private void handOutDueChecks(long now) {
		long oldest = 0;
		boolean countBacklog = now - this.backlogCountedAt >= this.settings.backlogInterval().toMillis();
		long backlog = 0;
		int handedOut = 0;
		for (String msn : this.due.merchants()) {
			int room = Math.min(this.checks.room(msn), this.settings.maxChecksPerTick() - handedOut);
			for (DueIndex.Due entry : this.due.dueChecks(msn, now, room)) {
				try {
					if (handOut(entry, now)) {
						handedOut++;
					}
				}
				catch (RuntimeException ex) {
					logger.error("Could not hand out the check of {}; trying again in {}", entry.payment().asString(),
							this.settings.checkTimeout(), ex);
					this.due.move(entry.payment(), DueAction.CHECK, entry.atMillis(), DueAction.CHECK,
							now + this.settings.checkTimeout().toMillis());
					this.metrics.checked("error");
				}
			}
			long earliest = this.due.earliestCheck(msn);
			if (earliest >= 0 && earliest <= now) {
				oldest = (oldest == 0) ? earliest : Math.min(oldest, earliest);
				if (countBacklog) {
					backlog += this.due.countDueChecks(msn, now, 1_000_000);
				}
			}
		}
		this.gauges.oldestDueAt(oldest);
		if (countBacklog) {
			this.gauges.backlog(backlog);
			this.backlogCountedAt = now;
		}
	}

	private boolean handOut(DueIndex.Due entry, long now) {
		Tracked tracked = load(entry.payment(), now);
		TrackedPayment payment = tracked.payment;
		if (tracked.isNew || payment.nextAction() != DueAction.CHECK || payment.nextDueAt() != entry.atMillis()) {
			// An entry the state no longer points at (written before a crash between the
			// two stores cannot happen under exactly-once, but costs nothing to heal).
			this.due.move(entry.payment(), DueAction.CHECK, entry.atMillis(), DueAction.NONE, -1);
			return false;
		}
		if (payment.checkInFlight()) {
			logger.warn("No result for the check of {} within {}; checking again", entry.payment().asString(),
					this.settings.checkTimeout());
			payment.checkEnded(now, true);
			this.metrics.checked("lost");
		}
		long spaced = payment.lastCheckAt() + this.schedule.minSpacing().toMillis();
		if (payment.lastCheckAt() >= 0 && now < spaced) {
			// Vipps allows 120 /details per minute and order: wait for the spacing.
			payment.scheduled(DueAction.CHECK, spaced);
			save(tracked);
			this.metrics.deferred("order_limit");
			return false;
		}
		int sequence = payment.checkSequence() + 1;
		if (!this.checks
			.start(new CheckRequest(entry.payment(), this.context.taskId().partition(), sequence, this.inbox))) {
			this.metrics.deferred("msn_budget");
			return false;
		}
		payment.checkStarted(now + this.settings.checkTimeout().toMillis());
		save(tracked);
		return true;
	}

	private void purge(DueIndex.Due entry, long now) {
		Tracked tracked = load(entry.payment(), now);
		this.due.move(entry.payment(), DueAction.PURGE, entry.atMillis(), DueAction.NONE, -1);
		if (!tracked.isNew && tracked.payment.nextAction() == DueAction.PURGE
				&& tracked.payment.nextDueAt() == entry.atMillis()) {
			this.payments.delete(entry.payment().asString());
			count(tracked.standingBefore, null);
		}
	}

	// ---- results --------------------------------------------------------------------

	private void apply(CheckResult result, long now) {
		Tracked tracked = load(result.payment(), now);
		TrackedPayment payment = tracked.payment;
		if (tracked.isNew || !payment.awaits(result.sequence())) {
			this.metrics.checked("stale");
			return;
		}
		Duration retryAfter = null;
		if (result instanceof CheckResult.Read read) {
			payment.checkEnded(now, false);
			this.metrics.checked(reconcile(tracked, read, now));
		}
		else if (result instanceof CheckResult.Failed failed) {
			payment.checkEnded(now, true);
			retryAfter = failed.retryAfter();
			this.metrics.checked(failed.outcome());
			logFailure(result.payment(), failed.failure());
		}
		else {
			// Read, but the state could not be shown to hold every record written before
			// it: not used, and not counted as a check of the ladder.
			payment.checkEnded(now, true);
			this.metrics.checked("behind");
		}
		replan(tracked, now);
		if (retryAfter != null && payment.nextAction() == DueAction.CHECK) {
			payment.scheduled(DueAction.CHECK, Math.max(payment.nextDueAt(), now + retryAfter.toMillis()));
		}
		save(tracked);
	}

	private static void logFailure(PaymentKey payment, Throwable failure) {
		if (failure instanceof VippsApiException vipps) {
			logger.warn("Could not read /details of {}: {} ({} {}/{}): {}", payment.asString(), vipps.kind(),
					vipps.httpStatus(), vipps.errorGroup(), vipps.errorCode(), vipps.getMessage());
		}
		else {
			logger.warn("Could not read /details of {}", payment.asString(), failure);
		}
	}

	// What /details shows against what is known: publish what only polling found.
	private String reconcile(Tracked tracked, CheckResult.Read read, long now) {
		TrackedPayment payment = tracked.payment;
		DetailsReading reading = DetailsFacts.read(read.details(), PaymentRecords.known(tracked.key, payment),
				read.learnedAt());
		List<PaymentFact> publish = new ArrayList<>();
		boolean waiting = false;
		for (PaymentFact fact : reading.missingFacts()) {
			FactKind kind = PaymentRecords.fact(fact.toEvent(EventSource.RECONCILIATION, read.learnedAt())).kind();
			if (kind.callbackBorne()
					&& now - payment.unconfirmed(fact.eventId(), now) < this.schedule.callbackGrace().toMillis()) {
				waiting = true;
				continue;
			}
			publish.add(fact);
		}
		for (CommandOutcome outcome : reading.commands()) {
			Optional<PendingCommand> command = payment.handedOver()
				.stream()
				.filter((pending) -> pending.commandId().equals(outcome.command().commandId()))
				.findFirst();
			if (command.isEmpty()) {
				continue;
			}
			if (outcome.outcome() == Outcome.APPLIED && !payment.isRecorded(outcome.fact().eventId())) {
				publish.add(outcome.fact());
			}
			else if (outcome.outcome() == Outcome.NOT_APPLIED) {
				logger.info("/details shows that Vipps refused command {} of {}", command.get().commandId(),
						tracked.key.asString());
				payment.resolvedNotApplied(command.get().commandId());
			}
		}
		Instant recordedAt = Instant.ofEpochMilli(now);
		for (PaymentFact fact : publish) {
			PaymentEvent event = fact.toEvent(EventSource.RECONCILIATION, recordedAt);
			publish(tracked, event, now);
			Duration sinceVipps = (fact.occurredAtOrigin() == OccurredAtOrigin.VIPPS)
					? Duration.between(fact.occurredAt(), recordedAt) : null;
			this.metrics.found(fact.event().getSchema().getName(), sinceVipps);
		}
		if (payment.conflictLasts(!reading.conflicts().isEmpty()) && !payment.conflictReported()) {
			logger.error("/details of {} contradicts what is recorded: {}", tracked.key.asString(),
					reading.conflicts());
			payment.markConflictReported();
			publishUnknown(tracked, UnresolvedReason.CONFLICTING_FACTS, null, String.join("; ", reading.conflicts()),
					now);
		}
		remindIfAgeing(tracked, now);
		if (!publish.isEmpty()) {
			return "facts_found";
		}
		if (waiting) {
			return "awaiting_callback";
		}
		return reading.undetermined().isEmpty() ? "nothing_missing" : "undetermined";
	}

	private void remindIfAgeing(Tracked tracked, long now) {
		TrackedPayment payment = tracked.payment;
		if (!payment.awaitingCapture()) {
			return;
		}
		int due = this.schedule.remindersDue(payment, now);
		if (due <= payment.remindersSent()) {
			return;
		}
		ReservationReminder reminder = this.schedule.reminders().get(due - 1);
		int ageDays = (int) Duration.ofMillis(now - payment.reservedAt()).toDays();
		ReservationDeadline deadline = ReservationDeadline.valueOf(reminder.deadline());
		long remaining = payment.remainingToCapture();
		ReservationAgeing ageing = ReservationAgeing.newBuilder()
			.setReservedAt(Instant.ofEpochMilli(payment.reservedAt()))
			.setAgeDays(ageDays)
			.setRemainingAmountToCapture(remaining)
			.setDeadline(deadline)
			.setDeadlineAt(Instant.ofEpochMilli(payment.reservedAt() + reminder.deadlineAge().toMillis()))
			.build();
		publish(tracked,
				PaymentRecords.ownEvent(PaymentEventIds.reservationAgeing(tracked.key, deadline, ageDays, remaining),
						tracked.key, null, ageing, Instant.ofEpochMilli(now)),
				now);
		payment.remindersSent(due);
		this.metrics.ageing(deadline.name().toLowerCase());
	}

	private void publish(Tracked tracked, PaymentEvent event, long now) {
		this.context.forward(new Record<>(tracked.key.asString(), event, now));
		// Recorded at once, so the next reading does not publish it again before it comes
		// back through the topic (where it is then a repeat).
		tracked.payment.record(PaymentRecords.fact(event));
	}

	private void publishUnknown(Tracked tracked, UnresolvedReason reason, PendingCommand command, String detail,
			long now) {
		TrackedPayment payment = tracked.payment;
		PaymentOutcomeUnknown unknown = PaymentOutcomeUnknown.newBuilder()
			.setLastKnownState(PaymentState.valueOf(payment.state().name()))
			.setReason(reason)
			.setDetail(detail)
			.setPendingCommandType((command != null) ? CommandType.valueOf(command.kind().name()) : null)
			.setAttempts(payment.checks())
			.setFirstCheckedAt((payment.firstCheckAt() >= 0) ? Instant.ofEpochMilli(payment.firstCheckAt()) : null)
			.setLastCheckedAt((payment.lastCheckAt() >= 0) ? Instant.ofEpochMilli(payment.lastCheckAt()) : null)
			.build();
		String commandId = (command != null) ? command.commandId() : null;
		publish(tracked, PaymentRecords.ownEvent(PaymentEventIds.outcomeUnknown(tracked.key, commandId), tracked.key,
				commandId, unknown, Instant.ofEpochMilli(now)), now);
	}

	// ---- scheduling -------------------------------------------------------------------

	// The next step by the schedule, after acting on every ladder that ran out.
	private void replan(Tracked tracked, long now) {
		TrackedPayment payment = tracked.payment;
		if (payment.checkInFlight()) {
			// The result replans; until then the lease stands.
			return;
		}
		while (true) {
			Next next = this.schedule.next(payment, now);
			if (next instanceof Next.GiveUp giveUp) {
				giveUp(tracked, giveUp, now);
				continue;
			}
			Next.Due due = (Next.Due) next;
			if (due.action() == DueAction.PURGE && payment.closedAt() < 0) {
				payment.closedAt(now);
			}
			else if (due.action() == DueAction.CHECK) {
				payment.closedAt(-1);
			}
			payment.scheduled(due.action(), due.atMillis());
			return;
		}
	}

	private void giveUp(Tracked tracked, Next.GiveUp giveUp, long now) {
		TrackedPayment payment = tracked.payment;
		this.metrics.gaveUp(giveUp.reason().name().toLowerCase());
		switch (giveUp.reason()) {
			case CAPTURE_WINDOW_OVER -> payment.markCaptureWindowOver();
			case COMMAND_OUTCOME_UNCLEAR -> {
				PendingCommand command = payment.handedOver()
					.stream()
					.filter((pending) -> pending.commandId().equals(giveUp.commandId()))
					.findFirst()
					.orElseThrow();
				logger.error("Gave up resolving command {} of {} after {} checks", command.commandId(),
						tracked.key.asString(), payment.checks());
				publishUnknown(tracked, UnresolvedReason.COMMAND_OUTCOME_UNCLEAR, command,
						"no outcome in /details after " + payment.checks() + " checks", now);
				payment.gaveUpOn(command.commandId());
			}
			default -> {
				logger.error("Gave up on {} after {} checks: {}", tracked.key.asString(), payment.checks(),
						giveUp.reason());
				payment.markUnresolved();
				publishUnknown(tracked, UnresolvedReason.valueOf(giveUp.reason().name()), null,
						(giveUp.reason() == GiveUpReason.DETAILS_UNAVAILABLE)
								? "the last " + payment.failures() + " reads of /details failed"
								: "Vipps showed no final state within the check ladder",
						now);
			}
		}
	}

	// ---- storage ----------------------------------------------------------------------

	private Tracked load(PaymentKey key, long now) {
		byte[] stored = this.payments.get(key.asString());
		if (stored == null) {
			return new Tracked(key, new TrackedPayment(), true, null, DueAction.NONE, -1);
		}
		TrackedPayment payment = TrackedPaymentCodec.decode(stored);
		return new Tracked(key, payment, false, payment.standing(), payment.nextAction(), payment.nextDueAt());
	}

	private void save(Tracked tracked) {
		TrackedPayment payment = tracked.payment;
		this.payments.put(tracked.key.asString(), TrackedPaymentCodec.encode(payment));
		this.due.move(tracked.key, tracked.actionBefore, tracked.dueBefore, payment.nextAction(), payment.nextDueAt());
		count(tracked.standingBefore, payment.standing());
	}

	private void count(String before, String after) {
		if (before != null && before.equals(after)) {
			return;
		}
		if (before != null) {
			long count = Math.max(0, this.gauges.count(before) - 1);
			this.counts.put(before, count);
			this.gauges.count(before, count);
		}
		if (after != null) {
			long count = this.gauges.count(after) + 1;
			this.counts.put(after, count);
			this.gauges.count(after, count);
		}
	}

	/**
	 * A payment loaded for a change, with what its index entry and count were before.
	 */
	private static final class Tracked {

		private final PaymentKey key;

		private final TrackedPayment payment;

		private final boolean isNew;

		private final String standingBefore;

		private final DueAction actionBefore;

		private final long dueBefore;

		Tracked(PaymentKey key, TrackedPayment payment, boolean isNew, String standingBefore, DueAction actionBefore,
				long dueBefore) {
			this.key = key;
			this.payment = payment;
			this.isNew = isNew;
			this.standingBefore = standingBefore;
			this.actionBefore = actionBefore;
			this.dueBefore = dueBefore;
		}

	}

}
