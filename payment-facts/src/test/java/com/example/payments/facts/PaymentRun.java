package com.example.payments.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.example.payments.facts.DetailsReading.CommandOutcome;
import com.example.payments.facts.DetailsReading.Outcome;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.CustomerInfo;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.ShippingDetails;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.simulator.SimulatedPayment;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One payment driven through the simulator, with the three services' sources of facts
 * played out in the test: the command service (our calls' answers), the ingest service
 * (callbacks) and reconciliation ({@code /details} against what is recorded and pending).
 * Every fact any of them derives is "published": consumers keep the first event of each
 * id ({@link #ledger}), and the recorded events plus the commands form the context of the
 * next {@code /details} reading, as a service would store them.
 */
final class PaymentRun {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String msn;

	private final String orderId;

	private final PaymentKey payment;

	private final Sources sources;

	private final Map<String, PaymentFact> ledger = new LinkedHashMap<>();

	private final List<PaymentEvent> published = new ArrayList<>();

	private final List<PaymentCommand> commands = new ArrayList<>();

	private final List<String> callbackIds = new ArrayList<>();

	private final List<PaymentFact> reconciled = new ArrayList<>();

	private int callbacksConsumed;

	PaymentRun(Sources sources, String msn, String orderId) {
		this.sources = sources;
		this.msn = msn;
		this.orderId = orderId;
		this.payment = PaymentKey.of(msn, orderId);
	}

	String orderId() {
		return this.orderId;
	}

	String msn() {
		return this.msn;
	}

	/**
	 * Every id consumers saw for this payment.
	 * @return the ids, in order of first publication
	 */
	Set<String> ids() {
		return this.ledger.keySet();
	}

	// ---- the command service: our calls and their answers ---------------------------

	PaymentRun initiate(long amount) {
		return initiate(amount, PaymentType.REGULAR, null);
	}

	PaymentRun initiateWithScope(long amount) {
		return initiate(amount, PaymentType.REGULAR, "name email");
	}

	PaymentRun initiateExpress(long amount) {
		return initiate(amount, PaymentType.EXPRESS, null);
	}

	private PaymentRun initiate(long amount, PaymentType type, String scope) {
		PaymentCommand command = command(InitiatePayment.newBuilder()
			.setAmount(amount)
			.setTransactionText("Socks")
			.setFallBack("https://shop.example.com/result/" + this.orderId)
			.setPaymentType(type)
			.setScope(scope)
			.build());
		String prefix = this.sources.callbacks().callbackPrefix();
		MerchantInfo merchant = (type == PaymentType.EXPRESS)
				? new MerchantInfo(this.msn, prefix, "https://shop.example.com/result/" + this.orderId,
						"auth-" + this.orderId, prefix + "/consents", null,
						List.of(ShippingDetails.ofOre(true, 1, 9900, "Posten Servicepakke", "posten"),
								ShippingDetails.ofOre(false, 2, 14950, "Home delivery", "home")),
						com.example.payments.vipps.client.model.PaymentType.EXPRESS, null)
				: MerchantInfo.regular(this.msn, prefix, "https://shop.example.com/result/" + this.orderId,
						"auth-" + this.orderId);
		PaymentInitiationResponse answer = applied(this.sources.vipps()
			.initiate(new InitiatePaymentRequest(CustomerInfo.unknown(), merchant,
					new InitiateTransaction(this.orderId, amount, "Socks", null, scope, null))));
		publish(CommandAnswerFacts.initiated(command, answer, Instant.now()), EventSource.COMMAND);
		return this;
	}

	PaymentRun capture(Long amount) {
		PaymentCommand command = command(
				CapturePayment.newBuilder().setAmount(amount).setTransactionText("Shipped").build());
		TransactionResponse answer = applied(this.sources.vipps()
			.capture(this.orderId, command.getCommandId(), PaymentActionsRequest.of(this.msn, amount, "Shipped")));
		return answered(command, CommandAnswerFacts.captured(command, answer, Instant.now()));
	}

	PaymentRun refund(Long amount) {
		PaymentCommand command = command(
				RefundPayment.newBuilder().setAmount(amount).setTransactionText("Returned").build());
		RefundTransactionResponse answer = applied(this.sources.vipps()
			.refund(this.orderId, command.getCommandId(), PaymentActionsRequest.of(this.msn, amount, "Returned")));
		return answered(command, CommandAnswerFacts.refunded(command, answer, Instant.now()));
	}

	PaymentRun cancel(boolean releaseRemaining) {
		PaymentCommand command = command(CancelPayment.newBuilder()
			.setTransactionText("Not shipping")
			.setShouldReleaseRemainingFunds(releaseRemaining)
			.build());
		CancelTransactionResponse answer = applied(this.sources.vipps()
			.cancel(this.orderId,
					releaseRemaining ? CancelPaymentRequest.releasingRemainingFunds(this.msn, "Not shipping")
							: CancelPaymentRequest.of(this.msn, "Not shipping")));
		return answered(command, CommandAnswerFacts.cancelled(command, answer, Instant.now()));
	}

	/**
	 * The answer of a call the scenario expects Vipps to apply.
	 * @param <T> the answer type
	 * @param call the call
	 * @return what Vipps answered (possibly partial in omit mode)
	 */
	private <T> T applied(Mono<VippsOutcome<T>> call) {
		VippsOutcome<T> outcome = call.block(TIMEOUT);
		assertThat(outcome).as("%s outcome", this.orderId).isInstanceOf(VippsOutcome.Applied.class);
		return ((VippsOutcome.Applied<T>) outcome).response();
	}

	/**
	 * Vipps applied the command. Before the command service publishes its fact,
	 * reconciliation polls (the race a pending command protects against); then the
	 * command service publishes, reading {@code /details} itself when the answer is too
	 * lean. The answer's fact and the one {@code /details} attributes to the command must
	 * have one id.
	 */
	private PaymentRun answered(PaymentCommand command, AnswerFacts answer) {
		CommandOutcome meanwhile = poll().outcomeOf(command.getCommandId()).orElseThrow();
		assertThat(meanwhile.outcome()).as("%s %s in /details", this.orderId, command.getCommandId())
			.isEqualTo(Outcome.APPLIED);
		PaymentFact fact;
		if (answer instanceof AnswerFacts.Known known) {
			fact = known.fact();
		}
		else {
			fact = DetailsFacts.read(details(), context(), Instant.now())
				.outcomeOf(command.getCommandId())
				.orElseThrow()
				.fact();
		}
		assertThat(fact.eventId()).as("%s: the answer's id is the one /details gives the pending command", this.orderId)
			.isEqualTo(meanwhile.fact().eventId());
		publish(fact, EventSource.COMMAND);
		return this;
	}

	private PaymentCommand command(Object body) {
		PaymentCommand command = PaymentCommand.newBuilder()
			.setCommandId(UUID.randomUUID().toString())
			.setMerchantSerialNumber(this.msn)
			.setOrderId(this.orderId)
			.setIssuedAt(Instant.now())
			.setCommand(body)
			.build();
		this.commands.add(command);
		return command;
	}

	// ---- the user, and the merchant portal --------------------------------------------

	PaymentRun approve() {
		this.sources.simulator().approve(this.msn, this.orderId);
		return this;
	}

	PaymentRun approveExpress() {
		this.sources.simulator().approveExpress(this.msn, this.orderId);
		return this;
	}

	PaymentRun reject() {
		this.sources.simulator().reject(this.msn, this.orderId);
		return this;
	}

	PaymentRun timeOut() {
		this.sources.simulator().timeOut(this.msn, this.orderId);
		return this;
	}

	PaymentRun failReservation() {
		this.sources.simulator().failReservation(this.msn, this.orderId);
		return this;
	}

	PaymentRun portalCapture(Long amount) {
		this.sources.simulator().portalCapture(this.msn, this.orderId, amount);
		return this;
	}

	PaymentRun portalRefund(Long amount) {
		this.sources.simulator().portalRefund(this.msn, this.orderId, amount);
		return this;
	}

	// ---- the ingest service: callbacks
	// -------------------------------------------------

	/**
	 * Waits for the next callback of this payment and publishes what it reports.
	 * @return this
	 */
	PaymentRun callback() {
		int next = this.callbacksConsumed++;
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.sources.callbacks().callbacks(this.orderId).size() > next);
		byte[] body = this.sources.callbacks().callbacks(this.orderId).get(next);
		for (PaymentFact fact : CallbackFacts.of(TransactionUpdateCallback.parse(body), Instant.now())) {
			this.callbackIds.add(fact.eventId());
			publish(fact, EventSource.CALLBACK);
		}
		return this;
	}

	// ---- reconciliation: /details against what is recorded and pending ---------------

	/**
	 * Reads {@code /details} with what is recorded and pending, and publishes what is
	 * missing.
	 * @return the reading
	 */
	DetailsReading poll() {
		DetailsReading reading = DetailsFacts.read(details(), context(), Instant.now());
		assertThat(reading.conflicts()).as(this.orderId).isEmpty();
		for (PaymentFact fact : reading.missingFacts()) {
			this.reconciled.add(fact);
			publish(fact, EventSource.RECONCILIATION);
		}
		return reading;
	}

	PaymentRun reconcile() {
		poll();
		return this;
	}

	private PaymentDetails details() {
		return this.sources.vipps().details(this.msn, this.orderId).block(TIMEOUT);
	}

	/**
	 * The context a service builds from the payment's events and commands.
	 * @return the known facts
	 */
	KnownFacts context() {
		return context(this.published);
	}

	private KnownFacts context(List<PaymentEvent> events) {
		KnownFacts.Builder known = KnownFacts.forPayment(this.payment);
		this.commands.forEach(known::pending);
		events.forEach(known::recorded);
		return known.build();
	}

	private void publish(PaymentFact fact, EventSource source) {
		this.ledger.putIfAbsent(fact.eventId(), fact);
		this.published.add(fact.toEvent(source, Instant.now()));
	}

	// ---- what must hold -------------------------------------------------------------

	/**
	 * Consumers hold exactly one event per fact Vipps knows of, whichever sources told
	 * them; each source computes the same ids; reconciliation's ids are stable over
	 * polls.
	 * @param truth the simulator's truth about the payment
	 * @param omitMode whether the simulator omitted every optional field
	 */
	void assertOneIdPerFact(SimulatedPayment truth, boolean omitMode) {
		DetailsReading last = DetailsFacts.read(details(), context(), Instant.now());
		assertThat(last.missingFacts()).as("%s: nothing left to publish", this.orderId).isEmpty();
		assertThat(last.conflicts()).as(this.orderId).isEmpty();
		assertThat(last.undetermined()).as(this.orderId).isEmpty();
		assertThat(this.ledger.values().stream().map((fact) -> SimulatorTruth.describe(fact.event())))
			.as("%s: one event per fact, one fact per event", this.orderId)
			.containsExactlyInAnyOrderElementsOf(SimulatorTruth.facts(truth, omitMode, true));
		List<String> withoutContext = DetailsFacts.read(details(), KnownFacts.none(this.payment), Instant.now())
			.missingFacts()
			.stream()
			.map(PaymentFact::eventId)
			.toList();
		Set<String> notInLeanDetails = Set.of(PaymentEventIds.shippingSelected(this.payment),
				PaymentEventIds.userDetailsShared(this.payment));
		assertThat(this.callbackIds).as("%s: callback ids are the ids /details gives alone", this.orderId)
			.allSatisfy((id) -> assertThat(withoutContext.contains(id) || (omitMode && notInLeanDetails.contains(id)))
				.as(id)
				.isTrue());
		if (!omitMode) {
			// With Vipps' optional fields, /details alone gives every fact its id (but
			// the initiation, whose URL only the answer carries).
			assertThat(withoutContext).as("%s: /details alone", this.orderId)
				.containsExactlyInAnyOrderElementsOf(this.ledger.keySet()
					.stream()
					.filter((id) -> !id.equals(PaymentEventIds.initiated(this.payment)))
					.toList());
		}
		for (PaymentFact fact : this.reconciled) {
			// Reconciliation published it, then crashed before recording it: the next
			// poll, on a longer history, publishes it again under the same id.
			List<PaymentEvent> lost = this.published.stream()
				.filter((event) -> !event.getEventId().equals(fact.eventId()))
				.toList();
			assertThat(DetailsFacts.read(details(), context(lost), Instant.now()).missingFacts())
				.as("%s: the id of %s is stable", this.orderId, fact)
				.extracting(PaymentFact::eventId)
				.contains(fact.eventId());
		}
	}

	/**
	 * What a payment run talks to.
	 *
	 * @param simulator the simulated Vipps
	 * @param vipps our client of it
	 * @param callbacks the merchant's callback endpoint
	 */
	record Sources(com.example.payments.vipps.simulator.VippsSimulator simulator, VippsClient vipps,
			CallbackReceiver callbacks) {

	}

}
