package com.example.payments.reconciliation.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything reconciliation keeps about one payment: its recorded facts (ids, kinds,
 * amounts, never personal data), the commands still without an answer, the amounts and
 * state they add up to, facts found in {@code /details} and not yet published, and its
 * checks: when the next is due and what it is for.
 * <p>
 * Mutable, and touched only by the stream thread that owns the payment's partition.
 */
public final class TrackedPayment {

	/** What {@link #standing()} says of a payment that is no longer checked. */
	public static final String CLOSED = "CLOSED";

	/** What {@link #standing()} says of a payment reconciliation gave up on. */
	public static final String UNRESOLVED = "UNRESOLVED";

	private long openedAt = -1;

	private boolean initiated;

	private long reservedAt = -1;

	private long reservedAmount;

	private long capturedAmount;

	private long refundedAmount;

	private boolean released;

	private TrackedState ending;

	private final List<RecordedFact> history = new ArrayList<>();

	private final List<PendingCommand> pending = new ArrayList<>();

	private final List<String> handedOverIds = new ArrayList<>();

	private final Map<String, Long> unconfirmed = new LinkedHashMap<>();

	private boolean checkAtOnce;

	private long nextDueAt = -1;

	private DueAction nextAction = DueAction.NONE;

	private int checkSequence;

	private boolean checkInFlight;

	private int checks;

	private long firstCheckAt = -1;

	private long lastCheckAt = -1;

	private int failures;

	private int remindersSent;

	private boolean conflictReported;

	private boolean conflictSeen;

	private boolean unresolved;

	private boolean captureWindowOver;

	private long closedAt = -1;

	// ---- facts ----------------------------------------------------------------------

	/**
	 * Record a fact of this payment's event stream.
	 * @param fact the fact
	 * @return false when it was recorded before (the same id)
	 */
	public boolean record(RecordedFact fact) {
		if (isRecorded(fact.eventId())) {
			return false;
		}
		this.history.add(fact);
		this.unconfirmed.remove(fact.eventId());
		switch (fact.kind()) {
			case INITIATED, INITIATED_URL_LOST -> {
				this.initiated = true;
				this.openedAt = (this.openedAt < 0) ? fact.recordedAtMillis()
						: Math.min(this.openedAt, fact.recordedAtMillis());
				if (fact.kind() == FactKind.INITIATED_URL_LOST) {
					this.checkAtOnce = true;
				}
			}
			case RESERVED -> reserve(fact);
			case DIRECT_CAPTURE -> {
				reserve(fact);
				this.capturedAmount += fact.amount();
			}
			case CAPTURED -> this.capturedAmount += fact.amount();
			case REFUNDED -> this.refundedAmount += fact.amount();
			case CANCELLED_BEFORE_RESERVE -> this.ending = TrackedState.CANCELLED;
			case VOIDED -> this.ending = TrackedState.VOIDED;
			case RELEASED_REMAINING -> this.released = true;
			case REJECTED -> this.ending = TrackedState.REJECTED;
			default -> {
				// No effect on amounts or state.
			}
		}
		if (fact.kind() == FactKind.OUTCOME_UNKNOWN) {
			if (fact.source() != FactSource.RECONCILIATION) {
				handOver(fact.commandId(), fact.recordedAtMillis());
			}
		}
		else {
			this.unresolved = false;
			if (fact.commandId() != null) {
				this.pending.removeIf((command) -> command.commandId().equals(fact.commandId()));
				this.handedOverIds.remove(fact.commandId());
			}
		}
		return true;
	}

	private void reserve(RecordedFact fact) {
		this.reservedAt = Math.min(fact.occurredAtMillis(), fact.recordedAtMillis());
		this.reservedAmount = fact.amount();
	}

	// The command service could not tell whether Vipps applied the command: resolving it
	// is now ours, at once.
	private void handOver(String commandId, long atMillis) {
		this.checkAtOnce = true;
		if (commandId == null) {
			return;
		}
		if (!this.handedOverIds.contains(commandId)) {
			this.handedOverIds.add(commandId);
		}
		this.pending
			.replaceAll((command) -> command.commandId().equals(commandId) ? command.handOver(atMillis) : command);
	}

	/**
	 * Note a command of this payment that may reach Vipps.
	 * @param command the command
	 * @param nowMillis when it was seen
	 * @return false when it was answered or noted before
	 */
	public boolean pending(PendingCommand command, long nowMillis) {
		boolean answered = this.history.stream()
			.anyMatch(
					(fact) -> command.commandId().equals(fact.commandId()) && fact.kind() != FactKind.OUTCOME_UNKNOWN);
		boolean known = this.pending.stream().anyMatch((other) -> other.commandId().equals(command.commandId()));
		if (answered || known) {
			return false;
		}
		this.pending.add(this.handedOverIds.contains(command.commandId()) ? command.handOver(nowMillis) : command);
		if (this.openedAt < 0 && command.kind() == CommandKind.INITIATE) {
			this.openedAt = nowMillis;
		}
		return true;
	}

	/**
	 * A command the command service handed over whose outcome turned out to be "not
	 * applied": nobody will answer it now.
	 * @param commandId the command
	 */
	public void resolvedNotApplied(String commandId) {
		this.pending.removeIf((command) -> command.commandId().equals(commandId));
		this.handedOverIds.remove(commandId);
	}

	/**
	 * Reconciliation stops resolving a handed-over command (its ladder ran out): it stays
	 * pending, for a later answer to claim.
	 * @param commandId the command
	 */
	public void gaveUpOn(String commandId) {
		this.handedOverIds.remove(commandId);
		this.pending.replaceAll((command) -> command.commandId().equals(commandId)
				? new PendingCommand(command.commandId(), command.kind(), command.amount(), command.express(), -1)
				: command);
	}

	/**
	 * Whether a fact with this id is recorded.
	 * @param eventId the id
	 * @return true when recorded
	 */
	public boolean isRecorded(String eventId) {
		for (RecordedFact fact : this.history) {
			if (fact.eventId().equals(eventId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A fact {@code /details} shows that nobody recorded yet, and that a callback may
	 * still bring: remember when it was first seen.
	 * @param eventId its id
	 * @param nowMillis now
	 * @return when it was first seen missing
	 */
	public long unconfirmed(String eventId, long nowMillis) {
		return this.unconfirmed.computeIfAbsent(eventId, (id) -> nowMillis);
	}

	// ---- state ----------------------------------------------------------------------

	/**
	 * The state the recorded facts add up to.
	 * @return the state
	 */
	public TrackedState state() {
		if (this.ending != null) {
			return this.ending;
		}
		if (this.refundedAmount > 0) {
			return (this.refundedAmount >= this.capturedAmount) ? TrackedState.REFUNDED
					: TrackedState.PARTIALLY_REFUNDED;
		}
		if (this.capturedAmount > 0) {
			return (remainingToCapture() == 0) ? TrackedState.CAPTURED : TrackedState.PARTIALLY_CAPTURED;
		}
		return isReserved() ? TrackedState.RESERVED : TrackedState.INITIATED;
	}

	public boolean isReserved() {
		return this.reservedAt >= 0;
	}

	/**
	 * What is still reserved and may be captured.
	 * @return øre
	 */
	public long remainingToCapture() {
		if (!isReserved() || this.released || this.ending != null) {
			return 0;
		}
		return Math.max(0, this.reservedAmount - this.capturedAmount);
	}

	/**
	 * Initiated, and neither reserved nor ended: the user has the payment in hand.
	 * @return whether the user window ladder applies
	 */
	public boolean awaitingUser() {
		return this.initiated && !isReserved() && this.ending == null;
	}

	/**
	 * Reserved with money left to capture, inside Vipps' capture window: captures outside
	 * the system are looked for, and ageing reminders given.
	 * @return whether the reservation ladder applies
	 */
	public boolean awaitingCapture() {
		return remainingToCapture() > 0 && !this.captureWindowOver;
	}

	/**
	 * The commands whose outcome reconciliation resolves.
	 * @return commands the command service handed over
	 */
	public List<PendingCommand> handedOver() {
		return this.pending.stream().filter(PendingCommand::handedOver).toList();
	}

	/**
	 * Whether reconciliation still checks this payment.
	 * @return true while something is left to find out
	 */
	public boolean isOpen() {
		if (this.checkAtOnce || this.conflictSeen || !this.unconfirmed.isEmpty() || !handedOver().isEmpty()) {
			return true;
		}
		return !this.unresolved && (awaitingUser() || awaitingCapture());
	}

	/**
	 * What the open-payment gauges count this payment as.
	 * @return its state's name while open, {@link #UNRESOLVED} or {@link #CLOSED}
	 */
	public String standing() {
		if (isOpen()) {
			return state().name();
		}
		return this.unresolved ? UNRESOLVED : CLOSED;
	}

	// ---- checks ---------------------------------------------------------------------

	/**
	 * Schedule the next thing to do.
	 * @param action what
	 * @param atMillis when (ignored for {@link DueAction#NONE})
	 */
	public void scheduled(DueAction action, long atMillis) {
		this.nextAction = action;
		this.nextDueAt = (action == DueAction.NONE) ? -1 : atMillis;
	}

	/**
	 * A check was handed to the poller; until its result comes back (or the lease ends,
	 * when it is handed out again) no other check of this payment starts.
	 * @param leaseEndMillis when to hand it out again without a result
	 * @return the check's sequence number, which its result must carry
	 */
	public int checkStarted(long leaseEndMillis) {
		this.checkSequence++;
		this.checkInFlight = true;
		this.checkAtOnce = false;
		scheduled(DueAction.CHECK, leaseEndMillis);
		return this.checkSequence;
	}

	/**
	 * Whether a result belongs to the check in flight.
	 * @param sequence the result's sequence number
	 * @return true when it is the awaited result
	 */
	public boolean awaits(int sequence) {
		return this.checkInFlight && this.checkSequence == sequence;
	}

	/**
	 * A check ended (with an answer or a failure).
	 * @param atMillis when
	 * @param failed whether {@code /details} could not be read
	 */
	public void checkEnded(long atMillis, boolean failed) {
		this.checkInFlight = false;
		this.checks++;
		if (this.firstCheckAt < 0) {
			this.firstCheckAt = atMillis;
		}
		this.lastCheckAt = atMillis;
		this.failures = failed ? this.failures + 1 : 0;
	}

	/**
	 * The reconciliation gave up: the payment stays in an explicit unknown state.
	 */
	public void markUnresolved() {
		this.unresolved = true;
	}

	/**
	 * Whether {@code /details} contradicts the record now, and whether it did on the
	 * reading before: a contradiction is only believed when it lasts, because facts
	 * recorded after a reading was sent (the command service publishing a capture a
	 * moment later) are in the state the reading is compared with, and Vipps' answer
	 * could not show them yet.
	 * @param now whether this reading contradicts the record
	 * @return true when it did on the reading before too
	 */
	public boolean conflictLasts(boolean now) {
		boolean lasts = now && this.conflictSeen;
		this.conflictSeen = now;
		return lasts;
	}

	/**
	 * The conflict between the record and {@code /details} was reported.
	 */
	public void markConflictReported() {
		this.conflictReported = true;
	}

	/**
	 * Vipps' capture window (180 days) is over: nothing more to look for.
	 */
	public void markCaptureWindowOver() {
		this.captureWindowOver = true;
	}

	/**
	 * Reminders up to this one were given.
	 * @param count how many of the configured reminders are done
	 */
	public void remindersSent(int count) {
		this.remindersSent = Math.max(this.remindersSent, count);
	}

	/**
	 * The payment stopped being checked at this time (or was reopened).
	 * @param atMillis when, or a negative value when it is open again
	 */
	public void closedAt(long atMillis) {
		this.closedAt = atMillis;
	}

	// ---- reading --------------------------------------------------------------------

	public List<RecordedFact> history() {
		return Collections.unmodifiableList(this.history);
	}

	public List<PendingCommand> pendingCommands() {
		return Collections.unmodifiableList(this.pending);
	}

	public List<String> handedOverIds() {
		return Collections.unmodifiableList(this.handedOverIds);
	}

	public Map<String, Long> unconfirmedFacts() {
		return Collections.unmodifiableMap(this.unconfirmed);
	}

	/**
	 * When the oldest fact found only in {@code /details} was first seen.
	 * @return epoch millis, or empty when there is none
	 */
	public Optional<Long> oldestUnconfirmed() {
		return this.unconfirmed.values().stream().min(Long::compare);
	}

	public long openedAt() {
		return this.openedAt;
	}

	public boolean initiated() {
		return this.initiated;
	}

	public long reservedAt() {
		return this.reservedAt;
	}

	public long reservedAmount() {
		return this.reservedAmount;
	}

	public long capturedAmount() {
		return this.capturedAmount;
	}

	public long refundedAmount() {
		return this.refundedAmount;
	}

	/**
	 * How the payment ended, if it did.
	 * @return {@code CANCELLED}, {@code VOIDED}, {@code REJECTED}, or {@code null}
	 */
	public TrackedState ending() {
		return this.ending;
	}

	public boolean released() {
		return this.released;
	}

	public boolean checkAtOnce() {
		return this.checkAtOnce;
	}

	public long nextDueAt() {
		return this.nextDueAt;
	}

	public DueAction nextAction() {
		return this.nextAction;
	}

	public int checkSequence() {
		return this.checkSequence;
	}

	public boolean checkInFlight() {
		return this.checkInFlight;
	}

	public int checks() {
		return this.checks;
	}

	public long firstCheckAt() {
		return this.firstCheckAt;
	}

	public long lastCheckAt() {
		return this.lastCheckAt;
	}

	public int failures() {
		return this.failures;
	}

	public int remindersSent() {
		return this.remindersSent;
	}

	public boolean conflictReported() {
		return this.conflictReported;
	}

	public boolean unresolved() {
		return this.unresolved;
	}

	public boolean conflictSeen() {
		return this.conflictSeen;
	}

	public boolean captureWindowOver() {
		return this.captureWindowOver;
	}

	public long closedAt() {
		return this.closedAt;
	}

	/**
	 * Rebuilds a payment from storage; only the codec uses it.
	 */
	public static final class Restorer {

		private final TrackedPayment payment = new TrackedPayment();

		public Restorer amounts(long openedAt, boolean initiated, long reservedAt, long reservedAmount,
				long capturedAmount, long refundedAmount, boolean released, TrackedState ending) {
			this.payment.openedAt = openedAt;
			this.payment.initiated = initiated;
			this.payment.reservedAt = reservedAt;
			this.payment.reservedAmount = reservedAmount;
			this.payment.capturedAmount = capturedAmount;
			this.payment.refundedAmount = refundedAmount;
			this.payment.released = released;
			this.payment.ending = ending;
			return this;
		}

		public Restorer fact(RecordedFact fact) {
			this.payment.history.add(fact);
			return this;
		}

		public Restorer pending(PendingCommand command) {
			this.payment.pending.add(command);
			return this;
		}

		public Restorer handedOver(String commandId) {
			this.payment.handedOverIds.add(commandId);
			return this;
		}

		public Restorer unconfirmed(String eventId, long firstSeenMillis) {
			this.payment.unconfirmed.put(eventId, firstSeenMillis);
			return this;
		}

		public Restorer checks(boolean checkAtOnce, DueAction nextAction, long nextDueAt, int checkSequence,
				boolean checkInFlight, int checks, long firstCheckAt, long lastCheckAt, int failures) {
			this.payment.checkAtOnce = checkAtOnce;
			this.payment.nextAction = nextAction;
			this.payment.nextDueAt = nextDueAt;
			this.payment.checkSequence = checkSequence;
			this.payment.checkInFlight = checkInFlight;
			this.payment.checks = checks;
			this.payment.firstCheckAt = firstCheckAt;
			this.payment.lastCheckAt = lastCheckAt;
			this.payment.failures = failures;
			return this;
		}

		public Restorer outcome(int remindersSent, boolean conflictSeen, boolean conflictReported, boolean unresolved,
				boolean captureWindowOver, long closedAt) {
			this.payment.remindersSent = remindersSent;
			this.payment.conflictSeen = conflictSeen;
			this.payment.conflictReported = conflictReported;
			this.payment.unresolved = unresolved;
			this.payment.captureWindowOver = captureWindowOver;
			this.payment.closedAt = closedAt;
			return this;
		}

		public TrackedPayment restore() {
			return this.payment;
		}

	}

	/**
	 * What the payment's entry in the due index is for.
	 */
	public enum DueAction {

		/** Nothing is scheduled. */
		NONE,

		/** Read {@code /details}. */
		CHECK,

		/** Forget the payment: it has been closed for the retention time. */
		PURGE

	}

}
