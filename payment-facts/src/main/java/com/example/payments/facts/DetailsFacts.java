package com.example.payments.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.example.payments.facts.DetailsReading.CommandOutcome;
import com.example.payments.facts.DetailsReading.Outcome;
import com.example.payments.facts.KnownFacts.PendingCommand;
import com.example.payments.facts.KnownFacts.RecordedMovement;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;
import org.apache.avro.specific.SpecificRecord;

/**
 * Facts from {@code GET /details} (reconciliation, and the command service resolving an
 * answer it did not get), paired with what is already known so that nothing recorded is
 * published again under another id.
 * <p>
 * {@code /details} always carries each history entry's {@code operation}, {@code amount},
 * {@code operationSuccess} and {@code transactionText}, in the order they happened;
 * everything else may be missing. So:
 * <ul>
 * <li>once-per-payment facts (reserved, direct capture, shipping, profile, endings) get
 * their ids from the payment alone;</li>
 * <li>a capture or refund entry is paired, in this order: by its {@code requestId} (with
 * a recorded fact or a pending command); by its position, with a fact recorded by that
 * position; by amount, among entries without a {@code requestId}, newest entry first,
 * with the other recorded facts and then with pending commands (a command for "the rest"
 * takes the newest entry). What pairs with a pending command is left to that command (the
 * outcome's fact has the command's id); what pairs with nothing is a new fact, with the
 * id of its {@code requestId} or, without one, of its position among the entries of that
 * operation, oldest first. Pairing from the newest entry leaves the older anonymous
 * entries, and so the positions, unchanged as the history grows and as commands become
 * recorded facts, so a reading that misses facts reconciliation published a moment ago
 * publishes them again under the same ids;</li>
 * <li>{@code operationSuccess: false} is never a fact of money moving (a failed
 * reservation is the ending {@code FAILED}); a missing {@code operationSuccess} is
 * unknown, not false: such an entry still pairs with what is recorded, but never becomes
 * a new fact, and is reported as undetermined.</li>
 * </ul>
 * Two entries of equal amount without {@code requestId}, one ours and one from the
 * portal, may be paired the other way round; both are captures of that amount, so the
 * facts, their amounts and their number are right either way.
 */
public final class DetailsFacts {

	private DetailsFacts() {
	}

	/**
	 * Read one {@code /details} answer against what is known.
	 * @param details the answer
	 * @param known what is recorded and pending for this payment
	 * @param learnedAt when the answer arrived (for entries without {@code timeStamp})
	 * @return the missing facts, the pending commands' outcomes, undetermined entries and
	 * conflicts
	 */
	public static DetailsReading read(PaymentDetails details, KnownFacts known, Instant learnedAt) {
		Objects.requireNonNull(details, "details");
		Objects.requireNonNull(known, "known");
		Objects.requireNonNull(learnedAt, "learnedAt");
		List<TransactionLogEntry> history = new ArrayList<>(details.transactionLogHistory());
		// Vipps lists the history newest first; positions count from the oldest.
		Collections.reverse(history);
		Pass pass = new Pass(known, learnedAt);
		pass.reservation(history, details);
		pass.endings(history);
		pass.initiation(history);
		pass.movements(history, TransactionOperation.CAPTURE);
		pass.movements(history, TransactionOperation.REFUND);
		return pass.result();
	}

	private static boolean capturedBefore(List<TransactionLogEntry> history, TransactionLogEntry end) {
		for (TransactionLogEntry entry : history) {
			if (entry == end) {
				return false;
			}
			if (entry.operation() == TransactionOperation.CAPTURE && succeeded(entry)) {
				return true;
			}
		}
		return false;
	}

	private static Optional<TransactionLogEntry> first(List<TransactionLogEntry> history,
			Predicate<TransactionLogEntry> test) {
		return history.stream().filter(test).findFirst();
	}

	private static Optional<TransactionLogEntry> last(List<TransactionLogEntry> history,
			Predicate<TransactionLogEntry> test) {
		return history.stream().filter(test).reduce((earlier, later) -> later);
	}

	private static boolean succeeded(TransactionLogEntry entry) {
		return Boolean.TRUE.equals(entry.operationSuccess());
	}

	private static boolean failed(TransactionLogEntry entry) {
		return Boolean.FALSE.equals(entry.operationSuccess());
	}

	private static boolean undetermined(TransactionLogEntry entry) {
		return entry.operationSuccess() == null;
	}

	private static String describe(TransactionLogEntry entry) {
		return entry.operation() + " of " + entry.amount() + " øre without operationSuccess";
	}

	/**
	 * One read: the context, and what it found so far.
	 */
	private static final class Pass {

		private final KnownFacts known;

		private final PaymentKey payment;

		private final Instant learnedAt;

		private final Map<String, PaymentFact> missing = new LinkedHashMap<>();

		private final Map<String, CommandOutcome> outcomes = new LinkedHashMap<>();

		private final List<String> undetermined = new ArrayList<>();

		private final List<String> conflicts = new ArrayList<>();

		Pass(KnownFacts known, Instant learnedAt) {
			this.known = known;
			this.payment = known.payment();
			this.learnedAt = learnedAt;
			known.pending()
				.forEach((command) -> this.outcomes.put(command.commandId(),
						new CommandOutcome(command, Outcome.NOT_SEEN, null)));
		}

		void reservation(List<TransactionLogEntry> history, PaymentDetails details) {
			Predicate<TransactionLogEntry> reservation = (entry) -> entry.operation() == TransactionOperation.RESERVE
					|| entry.operation() == TransactionOperation.SALE;
			Optional<TransactionLogEntry> approved = first(history, reservation.and(DetailsFacts::succeeded));
			if (approved.isPresent()) {
				TransactionLogEntry entry = approved.get();
				if (entry.operation() == TransactionOperation.SALE) {
					offer(fact(PaymentEventIds.directCapture(this.payment),
							PaymentCaptured.newBuilder()
								.setAmount(entry.amount())
								.setTransactionId(entry.transactionId())
								.setSummary(null)
								.setDirectCapture(true)
								.build(),
							entry, null));
				}
				else {
					offer(fact(PaymentEventIds.reserved(this.payment),
							PaymentReserved.newBuilder()
								.setAmount(entry.amount())
								.setTransactionId(entry.transactionId())
								.setPaymentInstrument(null)
								.build(),
							entry, null));
				}
				UserShared.shipping(details.shippingDetails())
					.ifPresent((shipping) -> offer(
							fact(PaymentEventIds.shippingSelected(this.payment), shipping, entry, null)));
				UserShared.userDetails(details.userDetails(), details.sub())
					.ifPresent(
							(user) -> offer(fact(PaymentEventIds.userDetailsShared(this.payment), user, entry, null)));
				return;
			}
			Optional<TransactionLogEntry> failed = last(history, reservation.and(DetailsFacts::failed));
			failed.ifPresent((entry) -> offer(fact(PaymentEventIds.ending(this.payment, Ending.FAILED),
					PaymentRejected.newBuilder()
						.setReason((entry.operation() == TransactionOperation.SALE) ? RejectionReason.SALE_FAILED
								: RejectionReason.RESERVE_FAILED)
						.setTransactionId(entry.transactionId())
						.setVippsError(null)
						.build(),
					entry, null)));
			history.stream()
				.filter(reservation.and(DetailsFacts::undetermined))
				.forEach((entry) -> this.undetermined.add(describe(entry)));
		}

		void endings(List<TransactionLogEntry> history) {
			Optional<PendingCommand> cancel = pendingOf(CommandType.CANCEL).findFirst();
			for (TransactionOperation operation : List.of(TransactionOperation.CANCEL, TransactionOperation.VOID)) {
				Optional<TransactionLogEntry> ended = first(history,
						(entry) -> entry.operation() == operation && succeeded(entry));
				if (ended.isEmpty()) {
					history.stream()
						.filter((entry) -> entry.operation() == operation && undetermined(entry))
						.forEach((entry) -> this.undetermined.add(describe(entry)));
					continue;
				}
				TransactionLogEntry entry = ended.get();
				Ending ending = (operation == TransactionOperation.CANCEL) ? Ending.CANCEL : Ending.VOID;
				String commandId = cancel.filter(this::unresolved).map(PendingCommand::commandId).orElse(null);
				SpecificRecord body;
				if (ending == Ending.CANCEL && commandId == null) {
					// /details cannot tell a user's cancel from a timeout.
					body = PaymentRejected.newBuilder()
						.setReason(RejectionReason.CANCELLED_OR_EXPIRED)
						.setTransactionId(entry.transactionId())
						.setVippsError(null)
						.build();
				}
				else {
					CancellationReason reason = (ending == Ending.CANCEL) ? CancellationReason.MERCHANT_BEFORE_RESERVE
							: capturedBefore(history, entry) ? CancellationReason.RELEASED_REMAINING
									: CancellationReason.MERCHANT_VOID;
					body = PaymentCancelled.newBuilder()
						.setReason(reason)
						.setTransactionId(entry.transactionId())
						.setSummary(null)
						.build();
				}
				PaymentFact fact = fact(PaymentEventIds.ending(this.payment, ending), body, entry, commandId);
				if (commandId != null) {
					resolve(cancel.get(), Outcome.APPLIED, fact);
				}
				else {
					offer(fact);
				}
				for (Ending recorded : Ending.values()) {
					if (recorded != ending && this.known.isRecorded(PaymentEventIds.ending(this.payment, recorded))) {
						this.conflicts.add("recorded ending " + recorded + " but /details shows " + operation);
					}
				}
			}
		}

		void initiation(List<TransactionLogEntry> history) {
			pendingOf(CommandType.INITIATE)
				.forEach((command) -> first(history, (entry) -> entry.operation() == TransactionOperation.INITIATE)
					.ifPresent((entry) -> {
						// The payment exists, but Vipps gives its URL only in the
						// initiate answer.
						PaymentInitiated initiated = PaymentInitiated.newBuilder()
							.setAmount(entry.amount())
							.setPaymentType(
									(command.paymentType() != null) ? command.paymentType() : PaymentType.REGULAR)
							.setUrl(null)
							.setUrlStatus(PaymentUrlStatus.LOST)
							.setUrlExpiresAt(null)
							.build();
						resolve(command, Outcome.APPLIED,
								fact(PaymentEventIds.initiated(this.payment), initiated, entry, command.commandId()));
					}));
		}

		void movements(List<TransactionLogEntry> history, TransactionOperation operation) {
			CommandType type = (operation == TransactionOperation.CAPTURE) ? CommandType.CAPTURE : CommandType.REFUND;
			List<Slot> slots = new ArrayList<>();
			for (TransactionLogEntry entry : history) {
				if (entry.operation() == operation) {
					slots.add(new Slot(slots.size() + 1, entry));
				}
			}
			List<RecordedMovement> recorded = (type == CommandType.CAPTURE) ? this.known.captures()
					: this.known.refunds();
			Set<String> matched = new HashSet<>();
			// 1. An entry with a request id is that request's: recorded, pending, or new.
			for (Slot slot : slots) {
				String requestId = slot.requestId();
				if (requestId == null) {
					continue;
				}
				Optional<PendingCommand> command = pendingOf(type)
					.filter((pending) -> pending.commandId().equals(requestId))
					.findFirst();
				if (failed(slot.entry)) {
					command.ifPresent((pending) -> resolve(pending, Outcome.NOT_APPLIED, null));
					slot.paired = true;
					continue;
				}
				String id = byRequestId(type, requestId);
				if (this.known.isRecorded(id)) {
					matched.add(id);
					slot.paired = true;
				}
				else if (command.isPresent()) {
					claim(slot, command.get(), type);
				}
			}
			// Failed entries moved no money and pair with nothing else.
			slots.stream().filter((slot) -> failed(slot.entry)).forEach((slot) -> slot.paired = true);
			// 2. A fact recorded by its position keeps its entry.
			Set<String> positions = new HashSet<>();
			for (Slot slot : slots) {
				String id = byPosition(type, slot.position);
				positions.add(id);
				if (!slot.paired
						&& recorded.stream()
							.anyMatch((fact) -> fact.eventId().equals(id) && fact.amount() == slot.entry.amount())
						&& matched.add(id)) {
					slot.paired = true;
				}
			}
			// 3. Facts recorded by request id whose entries show none take the newest
			// anonymous entries of their amount, then what is left of those recorded by
			// position: our own operations are the newest in question, and pairing from
			// the newest keeps the older anonymous entries, and so their positions, the
			// same as the history grows.
			List<RecordedMovement> leftover = recorded.stream()
				.filter((fact) -> !matched.contains(fact.eventId()))
				.sorted(Comparator.comparing((RecordedMovement fact) -> positions.contains(fact.eventId())))
				.toList();
			for (RecordedMovement fact : leftover) {
				Optional<Slot> slot = newest(slots, (candidate) -> candidate.entry.amount() == fact.amount());
				if (slot.isPresent()) {
					slot.get().paired = true;
					matched.add(fact.eventId());
				}
				else {
					this.conflicts.add("recorded " + operation + " " + fact.eventId() + " of " + fact.amount()
							+ " øre has no matching entry in /details");
				}
			}
			// 4. Pending commands, likewise from the newest; "the rest" takes the newest.
			pendingOf(type).filter(this::unresolved)
				.forEach((command) -> newest(slots,
						(slot) -> command.amount() == null || slot.entry.amount() == command.amount())
					.ifPresent((slot) -> claim(slot, command, type)));
			// 5. What pairs with nothing is a fact of its own.
			for (Slot slot : slots) {
				if (slot.paired) {
					continue;
				}
				if (undetermined(slot.entry)) {
					this.undetermined.add(describe(slot.entry));
					continue;
				}
				String id = (slot.requestId() != null) ? byRequestId(type, slot.requestId())
						: byPosition(type, slot.position);
				offer(fact(id, movement(type, slot.entry), slot.entry, null));
			}
		}

		private static Optional<Slot> newest(List<Slot> slots, Predicate<Slot> test) {
			for (int i = slots.size() - 1; i >= 0; i--) {
				Slot slot = slots.get(i);
				if (slot.anonymous() && test.test(slot)) {
					return Optional.of(slot);
				}
			}
			return Optional.empty();
		}

		private void claim(Slot slot, PendingCommand command, CommandType type) {
			slot.paired = true;
			if (undetermined(slot.entry)) {
				resolve(command, Outcome.UNDETERMINED, null);
				return;
			}
			resolve(command, Outcome.APPLIED, fact(byRequestId(type, command.commandId()), movement(type, slot.entry),
					slot.entry, command.commandId()));
		}

		private String byRequestId(CommandType type, String requestId) {
			return (type == CommandType.CAPTURE) ? PaymentEventIds.capture(this.payment, requestId)
					: PaymentEventIds.refund(this.payment, requestId);
		}

		private String byPosition(CommandType type, int position) {
			return (type == CommandType.CAPTURE) ? PaymentEventIds.captureInHistory(this.payment, position)
					: PaymentEventIds.refundInHistory(this.payment, position);
		}

		private static SpecificRecord movement(CommandType type, TransactionLogEntry entry) {
			if (type == CommandType.CAPTURE) {
				return PaymentCaptured.newBuilder()
					.setAmount(entry.amount())
					.setTransactionId(entry.transactionId())
					.setSummary(null)
					.setDirectCapture(false)
					.build();
			}
			return PaymentRefunded.newBuilder()
				.setAmount(entry.amount())
				.setTransactionId(entry.transactionId())
				.setSummary(null)
				.build();
		}

		private Stream<PendingCommand> pendingOf(CommandType type) {
			return this.known.pending().stream().filter((command) -> command.type() == type);
		}

		private boolean unresolved(PendingCommand command) {
			return this.outcomes.get(command.commandId()).outcome() == Outcome.NOT_SEEN;
		}

		private void resolve(PendingCommand command, Outcome outcome, PaymentFact fact) {
			CommandOutcome current = this.outcomes.get(command.commandId());
			if (outcome.ordinal() > current.outcome().ordinal()) {
				this.outcomes.put(command.commandId(), new CommandOutcome(command, outcome, fact));
			}
		}

		private void offer(PaymentFact fact) {
			if (!this.known.isRecorded(fact.eventId())) {
				this.missing.putIfAbsent(fact.eventId(), fact);
			}
		}

		private PaymentFact fact(String eventId, SpecificRecord event, TransactionLogEntry entry, String commandId) {
			return PaymentFact.at(eventId, this.payment, event, entry.timeStamp(), this.learnedAt, commandId);
		}

		DetailsReading result() {
			return new DetailsReading(List.copyOf(this.missing.values()), List.copyOf(this.outcomes.values()),
					this.undetermined, this.conflicts);
		}

	}

	/**
	 * A capture or refund entry and its position among the entries of its operation.
	 */
	private static final class Slot {

		private final int position;

		private final TransactionLogEntry entry;

		private boolean paired;

		Slot(int position, TransactionLogEntry entry) {
			this.position = position;
			this.entry = entry;
		}

		String requestId() {
			String requestId = this.entry.requestId();
			return (requestId != null && !requestId.isBlank()) ? requestId : null;
		}

		boolean anonymous() {
			return !this.paired && requestId() == null;
		}

	}

}
