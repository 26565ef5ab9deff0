package com.example.payments.reconciliation.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.example.payments.facts.CommandAnswerFacts;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.kafka.streams.SkipUnknownEventTypes;
import com.example.payments.kafka.streams.StreamsAvroSerdes;
import com.example.payments.reconciliation.domain.CheckLadder;
import com.example.payments.reconciliation.domain.CheckLadder.Rung;
import com.example.payments.reconciliation.domain.CheckSchedule;
import com.example.payments.reconciliation.domain.ReservationReminder;
import com.example.payments.registry.SchemaRegistryLite;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.PaymentState;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.ReservationAgeing;
import com.example.payments.schema.event.ReservationDeadline;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.serde.registry.SchemaRegistryClient;
import com.example.payments.testsupport.fixtures.PaymentCommandFixtures;
import com.example.payments.testsupport.fixtures.PaymentEventFixtures;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PaymentTracker}, through the whole topology on Kafka's own test driver
 * (RocksDB stores, wall-clock punctuation driven by the test), with a poller that records
 * the checks it is handed and lets the test deliver Vipps' answers (built from the
 * guide's shapes).
 */
class PaymentTrackerTests {

	private static final String EVENTS = "tracker.payments.events.v1";

	private static final String COMMANDS = "tracker.payments.commands.v1";

	private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

	private static final CheckSchedule SCHEDULE = new CheckSchedule(
			new CheckLadder(Duration.ofSeconds(5), List.of(new Rung(Duration.ofSeconds(30), Duration.ofSeconds(2)))),
			new CheckLadder(Duration.ofSeconds(30), List.of(new Rung(Duration.ofHours(1), Duration.ofSeconds(30)))),
			new CheckLadder(Duration.ZERO, List.of(new Rung(Duration.ofMinutes(2), Duration.ofSeconds(2)))),
			Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofHours(1),
			List.of(new ReservationReminder(Duration.ofSeconds(90), "BANK_RESERVATION", Duration.ofDays(7))));

	private static final TrackerSettings SETTINGS = new TrackerSettings(Duration.ofMillis(100), Duration.ofSeconds(20),
			100, 100, Duration.ofSeconds(1));

	private static SchemaRegistryLite registry;

	@TempDir
	Path stateDir;

	private final RecordingChecks checks = new RecordingChecks();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private TopologyTestDriver driver;

	private TestInputTopic<String, Object> events;

	private TestInputTopic<String, Object> commands;

	private TestOutputTopic<String, Object> published;

	private final PaymentKey payment = PaymentKey.of(PaymentCommandFixtures.MSN, PaymentCommandFixtures.anyOrderId());

	private Duration elapsed = Duration.ZERO;

	@BeforeAll
	static void startRegistry() {
		registry = SchemaRegistryLite.start(0);
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@BeforeEach
	void startTopology() {
		Map<String, Object> config = Map.of("schema.registry.url", registry.url());
		StreamsAvroSerdes serdes = new StreamsAvroSerdes(SchemaRegistryClient.create(config), config);
		Serde<Object> values = serdes.value();
		StreamsBuilder builder = new StreamsBuilder();
		ReconciliationTopology.build(builder, new ReconciliationTopology.Topics(EVENTS, COMMANDS), values,
				serdes.value(), new SkipUnknownEventTypes<>(new UnknownEventTypes(this.meters)), SCHEDULE, this.checks,
				SETTINGS, new ReconciliationMetrics(this.meters));
		Properties properties = new Properties();
		properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-tests");
		properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
		properties.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
		this.driver = new TopologyTestDriver(builder.build(), properties, START);
		this.events = this.driver.createInputTopic(EVENTS, Serdes.String().serializer(), values.serializer());
		this.commands = this.driver.createInputTopic(COMMANDS, Serdes.String().serializer(), values.serializer());
		this.published = this.driver.createOutputTopic(EVENTS, Serdes.String().deserializer(), values.deserializer());
	}

	@AfterEach
	void closeTopology() {
		this.driver.close();
	}

	@Test
	void handsOutTheFirstCheckAfterTheFirstCheckDelay() {
		initiated();
		advance(Duration.ofMillis(4_800), Duration.ofMillis(100));
		assertThat(this.checks.started).isEmpty();
		advance(Duration.ofMillis(300), Duration.ofMillis(100));
		assertThat(this.checks.started).singleElement()
			.satisfies((request) -> assertThat(request.payment()).isEqualTo(this.payment));
	}

	@Test
	void publishesAReservationOnlyPollingFoundAfterTheCallbackGraceUnderTheCallbacksId() {
		initiated();
		awaitCheck();
		answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000)));
		assertThat(this.published.isEmpty()).as("a callback may still bring it").isTrue();
		// the ladder goes on every 2 s; 5 s after it was first seen it is published
		for (int i = 0; i < 3; i++) {
			awaitCheck();
			answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000)));
		}
		List<PaymentEvent> found = publishedEvents();
		assertThat(found).singleElement().satisfies((event) -> {
			assertThat(event.getEventId()).isEqualTo(PaymentEventIds.reserved(this.payment));
			assertThat(event.getSource()).isEqualTo(EventSource.RECONCILIATION);
			assertThat(event.getEvent()).isInstanceOf(PaymentReserved.class);
		});
		int checksSoFar = this.checks.started.size();
		advance(Duration.ofSeconds(10));
		assertThat(this.checks.started).as("a reservation is not checked every 2 s").hasSize(checksSoFar);
		assertThat(gauge("reserved")).isOne();
	}

	@Test
	void publishesNothingWhenTheCallbackArrivesWithinTheGrace() {
		initiated();
		awaitCheck();
		answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000)));
		this.events.pipeInput(this.payment.asString(), PaymentEventFixtures
			.aReservation(this.payment.merchantSerialNumber(), this.payment.orderId(), 20_000, "5001420062"),
				START.plusSeconds(7));
		advance(Duration.ofSeconds(20));
		assertThat(this.checks.started).as("reserved: the user window is over").hasSize(1);
		assertThat(this.published.isEmpty()).isTrue();
	}

	@Test
	void treatsAReservationWithoutOperationSuccessAsUnknownAndKeepsChecking() {
		initiated();
		TransactionLogEntry unclear = new TransactionLogEntry(TransactionOperation.RESERVE, null, 20_000, "text", null,
				null, null);
		for (int i = 0; i < 5; i++) {
			awaitCheck();
			answer(details(entry(TransactionOperation.INITIATE, 20_000), unclear));
		}
		assertThat(this.published.isEmpty()).as("neither reserved nor failed: unknown").isTrue();
		assertThat(this.meters.get(ReconciliationMetrics.CHECKS).tag("outcome", "undetermined").counter().count())
			.isEqualTo(5);
		assertThat(gauge("initiated")).isOne();
		for (int i = 0; i < 4; i++) {
			awaitCheck();
			answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000)));
		}
		assertThat(publishedEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getEvent()).isInstanceOf(PaymentReserved.class));
	}

	@Test
	void leavesACaptureVippsAppliedToItsPendingCommand() {
		reserved();
		PaymentCommand capture = captureSent(5_000);
		awaitCheck();
		answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000),
				entry(TransactionOperation.CAPTURE, 5_000)));
		assertThat(this.published.isEmpty()).as("the command service publishes it, under the command's id").isTrue();
	}

	@Test
	void resolvesAHandedOverCaptureUnderItsCommandsIdAtOnce() {
		reserved();
		PaymentCommand capture = captureSent(5_000);
		this.events.pipeInput(this.payment.asString(), outcomeUnknown(capture.getCommandId()), START.plusSeconds(11));
		advance(Duration.ofMillis(200), Duration.ofMillis(100));
		assertThat(this.checks.started).as("checked at once").hasSize(1);
		answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000),
				entry(TransactionOperation.CAPTURE, 5_000)));
		assertThat(publishedEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getEventId()).isEqualTo(PaymentEventIds.capture(this.payment, capture.getCommandId()));
			assertThat(event.getCommandId()).isEqualTo(capture.getCommandId());
			assertThat(((PaymentCaptured) event.getEvent()).getAmount()).isEqualTo(5_000);
		});
	}

	@Test
	void leavesDueChecksDueWhileTheBudgetHasNoRoom() {
		initiated();
		this.checks.room = 0;
		advance(Duration.ofSeconds(10));
		assertThat(this.checks.started).isEmpty();
		this.checks.room = 10;
		advance(Duration.ofMillis(200), Duration.ofMillis(100));
		assertThat(this.checks.started).hasSize(1);
	}

	@Test
	void handsACheckOutAgainWhenItsResultNeverComes() {
		initiated();
		advance(Duration.ofSeconds(6));
		assertThat(this.checks.started).hasSize(1);
		advance(Duration.ofSeconds(18));
		assertThat(this.checks.started).hasSize(1);
		advance(Duration.ofSeconds(2));
		assertThat(this.checks.started).as("its lease ended").hasSize(2);
		assertThat(this.checks.started.get(1).sequence()).isGreaterThan(this.checks.started.get(0).sequence());
	}

	@Test
	void remindsOfAReservationThatAgesUncaptured() {
		reserved();
		for (int i = 0; i < 3; i++) {
			awaitCheck();
			answer(details(entry(TransactionOperation.INITIATE, 20_000), entry(TransactionOperation.RESERVE, 20_000)));
		}
		assertThat(publishedEvents()).singleElement().satisfies((event) -> {
			ReservationAgeing ageing = (ReservationAgeing) event.getEvent();
			assertThat(ageing.getDeadline()).isEqualTo(ReservationDeadline.BANK_RESERVATION);
			assertThat(ageing.getRemainingAmountToCapture()).isEqualTo(20_000);
			assertThat(event.getEventId()).isEqualTo(PaymentEventIds.reservationAgeing(this.payment,
					ReservationDeadline.BANK_RESERVATION, ageing.getAgeDays(), 20_000));
		});
	}

	@Test
	void givesUpWithAnExplicitUnknownStateWhenTheLadderRunsOut() {
		initiated();
		for (int i = 0; i < 20; i++) {
			advance(Duration.ofSeconds(2));
			if (this.checks.started.size() > this.checks.answered) {
				answer(details(entry(TransactionOperation.INITIATE, 20_000)));
			}
		}
		assertThat(publishedEvents()).singleElement().satisfies((event) -> {
			PaymentOutcomeUnknown unknown = (PaymentOutcomeUnknown) event.getEvent();
			assertThat(unknown.getReason()).isEqualTo(UnresolvedReason.NO_FINAL_STATE);
			assertThat(unknown.getLastKnownState()).isEqualTo(PaymentState.INITIATED);
			assertThat(unknown.getAttempts()).isEqualTo(this.checks.answered);
		});
		assertThat(this.checks.answered).isLessThanOrEqualTo(SCHEDULE.userWindow().maxChecks());
		assertThat(this.meters.get(ReconciliationMetrics.UNRESOLVED).gauge().value()).isOne();
	}

	@Test
	void refusesARecordWhoseKeyNamesAnotherPayment() {
		PaymentEvent other = PaymentEventFixtures.aReservation(PaymentCommandFixtures.MSN,
				PaymentCommandFixtures.anyOrderId(), 20_000, "5001420062");
		assertThatExceptionOfType(StreamsException.class)
			.isThrownBy(() -> this.events.pipeInput(this.payment.asString(), other, START))
			.havingRootCause()
			.withMessageContaining("does not match the payment it carries");
	}

	@Test
	void forgetsAClosedPaymentAfterTheRetention() {
		initiated();
		this.events.pipeInput(this.payment.asString(), rejected(), START.plusSeconds(1));
		KeyValueStore<String, byte[]> store = this.driver.getKeyValueStore(PaymentTracker.PAYMENTS_STORE);
		assertThat(store.get(this.payment.asString())).isNotNull();
		assertThat(gauge("initiated")).isZero();
		advance(Duration.ofMinutes(61), Duration.ofMinutes(1));
		assertThat(store.get(this.payment.asString())).isNull();
		assertThat(this.checks.started).isEmpty();
	}

	// ---- helpers
	// ------------------------------------------------------------------------

	private void initiated() {
		PaymentCommand initiate = PaymentCommandFixtures.anInitiate()
			.forOrder(this.payment.merchantSerialNumber(), this.payment.orderId())
			.build();
		this.commands.pipeInput(this.payment.asString(), initiate, START);
		this.events.pipeInput(this.payment.asString(),
				CommandAnswerFacts
					.initiated(initiate, new PaymentInitiationResponse(this.payment.orderId(), "https://example.com/x"),
							START)
					.toEvent(EventSource.COMMAND, START),
				START);
		assertThat(gauge("initiated")).isOne();
	}

	private void reserved() {
		initiated();
		this.events.pipeInput(this.payment.asString(), PaymentEventFixtures
			.aReservation(this.payment.merchantSerialNumber(), this.payment.orderId(), 20_000, "5001420062"),
				START.plusSeconds(5));
	}

	// A capture command on its way to Vipps, 10 s after the start.
	private PaymentCommand captureSent(long amount) {
		PaymentCommand capture = PaymentCommandFixtures.aCapture()
			.forOrder(this.payment.merchantSerialNumber(), this.payment.orderId())
			.amount(amount)
			.build();
		this.commands.pipeInput(this.payment.asString(), capture, START.plusSeconds(10));
		return capture;
	}

	private PaymentEvent outcomeUnknown(String commandId) {
		return event(PaymentEventIds.outcomeUnknown(this.payment, commandId), commandId,
				PaymentOutcomeUnknown.newBuilder()
					.setLastKnownState(PaymentState.RESERVED)
					.setReason(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR)
					.setDetail(null)
					.setPendingCommandType(null)
					.setAttempts(0)
					.setFirstCheckedAt(null)
					.setLastCheckedAt(null)
					.build());
	}

	private PaymentEvent rejected() {
		return event(PaymentEventIds.ending(this.payment, PaymentEventIds.Ending.CANCEL), null,
				PaymentRejected.newBuilder()
					.setReason(RejectionReason.CANCELLED)
					.setTransactionId(null)
					.setVippsError(null)
					.build());
	}

	private PaymentEvent event(String eventId, String commandId, Object body) {
		return PaymentEvent.newBuilder()
			.setEventId(eventId)
			.setMerchantSerialNumber(this.payment.merchantSerialNumber())
			.setOrderId(this.payment.orderId())
			.setOccurredAt(START)
			.setOccurredAtOrigin(OccurredAtOrigin.LEARNED)
			.setRecordedAt(START)
			.setSource(EventSource.COMMAND)
			.setCommandId(commandId)
			.setEvent(body)
			.build();
	}

	private static TransactionLogEntry entry(TransactionOperation operation, long amount) {
		return new TransactionLogEntry(operation, true, amount, "text", null, null, null);
	}

	private static PaymentDetails details(TransactionLogEntry... oldestFirst) {
		List<TransactionLogEntry> newestFirst = new ArrayList<>(Arrays.asList(oldestFirst));
		Collections.reverse(newestFirst);
		return new PaymentDetails(null, newestFirst, null, null, null, null);
	}

	// Let time pass until the tracker hands out a check not answered yet.
	private void awaitCheck() {
		for (int i = 0; i < 200 && this.checks.started.size() <= this.checks.answered; i++) {
			advance(Duration.ofMillis(500));
		}
		assertThat(this.checks.started).as("a check was handed out").hasSizeGreaterThan(this.checks.answered);
	}

	// Deliver Vipps' answer to the last check handed out, and let the tracker apply it.
	private void answer(PaymentDetails details) {
		CheckRequest request = this.checks.started.get(this.checks.started.size() - 1);
		request.inbox()
			.deliver(new CheckResult.Read(request.payment(), request.sequence(), details, START.plus(this.elapsed)));
		this.checks.answered++;
		advance(Duration.ofMillis(100), Duration.ofMillis(100));
	}

	private void advance(Duration duration) {
		advance(duration, Duration.ofMillis(500));
	}

	// One punctuation per step at most: the driver runs one when a step passes its time
	// (and commits, which costs: steps stay as long as a test allows).
	private void advance(Duration duration, Duration step) {
		for (Duration left = duration; !left.isNegative() && !left.isZero(); left = left.minus(step)) {
			Duration next = (left.compareTo(step) < 0) ? left : step;
			this.driver.advanceWallClockTime(next);
			this.elapsed = this.elapsed.plus(next);
		}
	}

	private List<PaymentEvent> publishedEvents() {
		return this.published.readValuesToList()
			.stream()
			.map(PaymentEvent.class::cast)
			.filter((event) -> event.getSource() == EventSource.RECONCILIATION)
			.toList();
	}

	private double gauge(String state) {
		return this.meters.get(ReconciliationMetrics.OPEN).tag("state", state).gauge().value();
	}

	/**
	 * A poller that starts nothing: it records the checks it is handed.
	 */
	private static final class RecordingChecks implements DetailsChecks {

		private final List<CheckRequest> started = new ArrayList<>();

		private int room = 10;

		private int answered;

		@Override
		public int room(String msn) {
			return this.room;
		}

		@Override
		public boolean start(CheckRequest request) {
			if (this.room <= 0) {
				return false;
			}
			this.started.add(request);
			return true;
		}

	}

}
