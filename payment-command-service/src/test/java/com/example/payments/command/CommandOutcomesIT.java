package com.example.payments.command;

import java.time.Duration;
import java.util.List;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.ErrorCategory;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedAnswer;
import com.example.payments.vipps.simulator.SimulatedAnswer.BodyShape;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every row of vipps-client's outcome table that a command can meet, injected by the
 * simulator (or caused the natural way), and what the command service makes of it:
 * applied calls become their facts (from {@code /details} when the answer lacks them),
 * refusals for now are repeated and then applied, final refusals become
 * {@code PaymentCommandFailed} with the client's category, Vipps' code and whether a
 * person must act, and calls that may have been applied are confirmed from
 * {@code /details}, never reported as failed, and end as {@code PaymentOutcomeUnknown}
 * when {@code /details} cannot tell. The simulator's truth shows that no money moved
 * twice. (Rows met elsewhere: 2xx and Payment 51 in {@code CommandFlowsIT}, 429 with
 * {@code Retry-After} there too; a connection that cannot be established and a sales unit
 * without keys in {@code CommandConsumerFaultsIT}.)
 */
@ExtendWith(KafkaTestEnvironment.class)
@RequiresVippsOpenApiSpec
class CommandOutcomesIT {

	private static final String MSN = CommandServiceRun.MSN;

	private static VippsSimulator simulator;

	private static CommandServiceRun run;

	@BeforeAll
	static void start(KafkaTestEnvironment.Environment kafka) {
		simulator = CommandServiceRun.startSimulator();
		run = CommandServiceRun.start(kafka, simulator, "outcomes", "payments.command.retries.max-wait=2s");
	}

	@AfterAll
	static void stop() {
		if (run != null) {
			assertThat(VippsOpenApiContract.load().violationsExceptBrokenAnswers(simulator.exchanges())).isEmpty();
			run.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@AfterEach
	void clearFaults() {
		simulator.faults().reset();
	}

	// 2xx whose answer cannot be read completely

	@Test
	void takesTheCommandsAmountWhenTheCaptureAnswersWithOddTimestamps() {
		String orderId = reserved(20_000);
		simulator.faults()
			.applyThenAnswerNext(SimulatedOperation.CAPTURE, 1,
					SimulatedAnswer.brokenSuccess(BodyShape.ODD_TIMESTAMPS));
		PaymentEvent event = run.awaitEnvelope(run.send(Commands.capture(MSN, orderId, 5_000L)), PaymentCaptured.class);
		assertThat(((PaymentCaptured) event.getEvent()).getAmount()).isEqualTo(5_000);
		assertThat(event.getOccurredAtOrigin()).isEqualTo(OccurredAtOrigin.LEARNED);
	}

	@Test
	void readsTheAmountFromDetailsWhenTheCaptureOfTheRestAnswersWithAnEmptyBody() {
		String orderId = reserved(20_000);
		simulator.faults()
			.applyThenAnswerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.brokenSuccess(BodyShape.EMPTY));
		PaymentCommand capture = run.send(Commands.capture(MSN, orderId, null));
		PaymentEvent event = run.awaitEnvelope(capture, PaymentCaptured.class);
		assertThat(((PaymentCaptured) event.getEvent()).getAmount()).isEqualTo(20_000);
		assertThat(event.getEventId()).isEqualTo(PaymentEventIds.capture(payment(orderId), capture.getCommandId()));
		assertThat(calls(RecordedExchange.Kind.CAPTURE, orderId)).hasSize(1);
		assertThat(calls(RecordedExchange.Kind.DETAILS, orderId)).isNotEmpty();
	}

	@Test
	void confirmsAnInitiateWhoseAnswerIsNotJsonAsAPaymentWhoseUrlIsLost() {
		simulator.faults()
			.applyThenAnswerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.brokenSuccess(BodyShape.HTML));
		String orderId = Commands.newOrderId();
		PaymentInitiated initiated = run.awaitAnswer(run.send(Commands.initiate(MSN, orderId, 20_000)),
				PaymentInitiated.class);
		assertThat(initiated.getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
		assertThat(initiated.getUrl()).isNull();
		assertThat(calls(RecordedExchange.Kind.INITIATE, orderId)).hasSize(1);
	}

	// Payment group

	@ParameterizedTest
	@ValueSource(strings = { "41", "42", "43", "44", "45" })
	void reportsCardAndIssuerRefusalsAsFinal(String code) {
		String orderId = reserved(20_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "Payment", code));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.PAYMENT, code, false, false);
	}

	@Test
	void payment52ConfirmsTheCancelInDetailsBeforeSendingItAgain() {
		String orderId = initiated(20_000);
		simulator.faults().userInThreeDSecureNext(1);
		PaymentCancelled cancelled = run.awaitAnswer(run.send(Commands.cancel(MSN, orderId, false)),
				PaymentCancelled.class);
		assertThat(cancelled.getReason()).isEqualTo(CancellationReason.MERCHANT_BEFORE_RESERVE);
		assertThat(calls(RecordedExchange.Kind.CANCEL, orderId)).extracting(RecordedExchange::status)
			.containsExactly(400, 200);
		assertThat(calls(RecordedExchange.Kind.DETAILS, orderId)).isNotEmpty();
	}

	@Test
	void payment61AsksForACorrectedAmount() {
		String orderId = reserved(20_000);
		PaymentCommandFailed failed = assertFailed(run.send(Commands.capture(MSN, orderId, 30_000L)),
				ErrorCategory.PAYMENT, "61", false, true);
		assertThat(failed.getHttpStatus()).isEqualTo(400);
		assertThat(failed.getContextId()).isNotBlank();
	}

	@Test
	void payment62WaitsForTheReservationThenCaptures() {
		String orderId = initiated(20_000);
		PaymentCommand capture = run.send(Commands.capture(MSN, orderId, null));
		await().atMost(CommandServiceRun.patience())
			.until(() -> calls(RecordedExchange.Kind.CAPTURE, orderId), (calls) -> !calls.isEmpty());
		simulator.approve(MSN, orderId);
		assertThat(run.awaitAnswer(capture, PaymentCaptured.class).getAmount()).isEqualTo(20_000);
		assertThat(calls(RecordedExchange.Kind.CAPTURE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(400, 200);
	}

	@Test
	void payment62ReportsAPaymentThatEndedWithoutReservation() {
		String orderId = initiated(20_000);
		PaymentCommand capture = run.send(Commands.capture(MSN, orderId, null));
		await().atMost(CommandServiceRun.patience())
			.until(() -> calls(RecordedExchange.Kind.CAPTURE, orderId), (calls) -> !calls.isEmpty());
		simulator.reject(MSN, orderId);
		PaymentCommandFailed failed = assertFailed(capture, ErrorCategory.PAYMENT, "62", false, false);
		assertThat(failed.getErrorMessage()).contains("ended without a reservation");
	}

	@Test
	void payment63IsConfirmedThenCapturedOnceWithTheSameRequestId() {
		String orderId = reserved(20_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 3, SimulatedAnswer.error(400, "Payment", "63"));
		PaymentCommand capture = run.send(Commands.capture(MSN, orderId, 7_000L));
		assertThat(run.awaitAnswer(capture, PaymentCaptured.class).getAmount()).isEqualTo(7_000);
		assertThat(calls(RecordedExchange.Kind.CAPTURE, orderId)).hasSize(4)
			.allSatisfy((call) -> assertThat(call.requestHeader("X-Request-Id")).isEqualTo(capture.getCommandId()));
		assertThat(simulator.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(7_000);
	}

	@Test
	void payment71AsksForACorrectedAmount() {
		String orderId = captured(10_000);
		assertFailed(run.send(Commands.refund(MSN, orderId, 15_000L)), ErrorCategory.PAYMENT, "71", false, true);
	}

	@Test
	void payment72And73AreFinal() {
		String reserved = reserved(10_000);
		assertFailed(run.send(Commands.refund(MSN, reserved, null)), ErrorCategory.PAYMENT, "72", false, false);
		String cancelled = initiated(10_000);
		run.awaitAnswer(run.send(Commands.cancel(MSN, cancelled, false)), PaymentCancelled.class);
		assertFailed(run.send(Commands.refund(MSN, cancelled, null)), ErrorCategory.PAYMENT, "73", false, false);
	}

	@Test
	void payment74AsksAPersonThenTheSameCommandRefunds() {
		String orderId = captured(10_000);
		simulator.faults().refundAccountFailureNext(1);
		PaymentCommand refund = run.send(Commands.refund(MSN, orderId, 4_000L));
		assertFailed(refund, ErrorCategory.PAYMENT, "74", true, true);
		run.send(refund);
		assertThat(run.awaitAnswer(refund, PaymentRefunded.class).getAmount()).isEqualTo(4_000);
		assertThat(simulator.payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(4_000);
	}

	@Test
	void payment93And95And98And1082AreReported() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "Payment", "93"));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.PAYMENT, "93", false, true);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "Payment", "98"));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.PAYMENT, "98", false, false);
		String capturedOrder = captured(10_000);
		simulator.faults().answerNext(SimulatedOperation.REFUND, 1, SimulatedAnswer.error(400, "Payment", "95"));
		assertFailed(run.send(Commands.refund(MSN, capturedOrder, null)), ErrorCategory.PAYMENT, "95", false, false);
		simulator.faults().answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.error(400, "Payment", "1082"));
		assertFailed(run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000)), ErrorCategory.PAYMENT, "1082",
				false, true);
	}

	// Merchant group

	@Test
	void merchant34OfTheSamePaymentPublishesItWithItsUrlLostUnderTheSameId() {
		String orderId = Commands.newOrderId();
		PaymentEvent issued = run.awaitEnvelope(run.send(Commands.initiate(MSN, orderId, 20_000)),
				PaymentInitiated.class);
		PaymentEvent lost = run.awaitEnvelope(run.send(Commands.initiate(MSN, orderId, 20_000)),
				PaymentInitiated.class);
		assertThat(((PaymentInitiated) lost.getEvent()).getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
		assertThat(lost.getEventId()).isEqualTo(issued.getEventId());
		assertThat(calls(RecordedExchange.Kind.INITIATE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(200, 400);
	}

	@Test
	void merchant34OfAnotherPaymentIsReported() {
		String orderId = initiated(20_000);
		PaymentCommandFailed failed = assertFailed(run.send(Commands.initiate(MSN, orderId, 25_000)),
				ErrorCategory.MERCHANT, "34", false, false);
		assertThat(failed.getErrorMessage()).contains("taken by another payment");
	}

	@Test
	void merchant35AndTheSalesUnitCodesTellAPerson() {
		assertFailed(run.send(Commands.capture(MSN, Commands.newOrderId(), null)), ErrorCategory.MERCHANT, "35", false,
				true);
		PaymentCommand skipLandingPage = Commands.initiate(MSN, Commands.newOrderId(), 10_000);
		InitiatePayment initiate = (InitiatePayment) skipLandingPage.getCommand();
		initiate.setSkipLandingPage(true);
		initiate.setCustomerMobileNumber("91234567");
		assertFailed(run.send(skipLandingPage), ErrorCategory.MERCHANT, "38", false, true);
		simulator.faults().answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.error(403, "Merchant", "97"));
		assertFailed(run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000)), ErrorCategory.MERCHANT, "97",
				false, true);
	}

	@Test
	void aSalesUnitThePartnerKeysDoNotReachTellsAPerson() {
		PaymentCommand initiate = run
			.send(Commands.initiate(CommandServiceRun.UNLINKED_MSN, Commands.newOrderId(), 10_000));
		PaymentCommandFailed failed = run.awaitAnswer(initiate, PaymentCommandFailed.class);
		assertThat(failed.getHttpStatus()).isEqualTo(403);
		assertThat(failed.getPersonMustAct()).isTrue();
		assertThat(failed.getRetryable()).isFalse();
	}

	// User group

	@ParameterizedTest
	@ValueSource(strings = { "81", "82" })
	void userRefusalsAreFinal(String code) {
		simulator.faults().answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.error(400, "User", code));
		assertFailed(run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000)), ErrorCategory.USER, code, false,
				false);
	}

	// VippsError group

	@Test
	void vippsError91IsFinal() {
		String orderId = initiated(10_000);
		run.awaitAnswer(run.send(Commands.cancel(MSN, orderId, false)), PaymentCancelled.class);
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.VIPPS_INTERNAL, "91", false, false);
	}

	@Test
	void vippsError92IsConfirmedInDetailsThenTheSameCaptureIsSent() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "VippsError", "92"));
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		assertThat(calls(RecordedExchange.Kind.DETAILS, orderId)).isNotEmpty();
		assertThat(simulator.payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(10_000);
	}

	@Test
	void vippsError93AsksForACorrectedCommand() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "VippsError", "93"));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.VIPPS_INTERNAL, "93", false, true);
	}

	@Test
	void orderLockedIsRepeatedLater() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 3, SimulatedAnswer.error(409, "VippsError", "94"));
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		assertThat(calls(RecordedExchange.Kind.CAPTURE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(409, 409, 409, 200);
		String pending = initiated(10_000);
		simulator.faults()
			.answerNext(SimulatedOperation.CANCEL, 1, SimulatedAnswer.status(409).withBody(BodyShape.EMPTY));
		run.awaitAnswer(run.send(Commands.cancel(MSN, pending, false)), PaymentCancelled.class);
	}

	@Test
	void throttlingWithoutRetryAfterWaitsThenRepeats() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "VippsError", "98"));
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		List<RecordedExchange> captures = calls(RecordedExchange.Kind.CAPTURE, orderId);
		assertThat(captures).extracting(RecordedExchange::status).containsExactly(400, 200);
		// No Retry-After: a minute at Vipps, capped by payments.command.retries.max-wait
		// (2 s here).
		assertThat(Duration.between(captures.get(0).at(), captures.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		simulator.faults()
			.answerNext(SimulatedOperation.INITIATE, 1,
					SimulatedAnswer.status(429).withRetryAfter(null).withBody(BodyShape.APIM));
		String throttled = Commands.newOrderId();
		assertThat(run.awaitAnswer(run.send(Commands.initiate(MSN, throttled, 10_000)), PaymentInitiated.class)
			.getUrlStatus()).isEqualTo(PaymentUrlStatus.ISSUED);
	}

	// 5xx and VippsError 99: may have been applied

	@Test
	void anInitiateThatFailedWith500IsSentAgainOnlyAfterDetailsShowsNoPayment() {
		simulator.faults().answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.status(500));
		String orderId = Commands.newOrderId();
		assertThat(run.awaitAnswer(run.send(Commands.initiate(MSN, orderId, 10_000)), PaymentInitiated.class)
			.getUrlStatus()).isEqualTo(PaymentUrlStatus.ISSUED);
		assertThat(calls(RecordedExchange.Kind.INITIATE, orderId)).extracting(RecordedExchange::status)
			.containsExactly(500, 200);
		assertThat(calls(RecordedExchange.Kind.DETAILS, orderId)).isNotEmpty();
		simulator.faults().answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.error(400, "VippsError", "99"));
		String other = Commands.newOrderId();
		assertThat(
				run.awaitAnswer(run.send(Commands.initiate(MSN, other, 10_000)), PaymentInitiated.class).getUrlStatus())
			.isEqualTo(PaymentUrlStatus.ISSUED);
	}

	@Test
	void anInitiateAppliedBeforeA500IsPublishedWithItsUrlLostAndNotSentAgain() {
		simulator.faults().applyThenFailNext(SimulatedOperation.INITIATE, 1, 500);
		String orderId = Commands.newOrderId();
		assertThat(run.awaitAnswer(run.send(Commands.initiate(MSN, orderId, 10_000)), PaymentInitiated.class)
			.getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
		assertThat(calls(RecordedExchange.Kind.INITIATE, orderId)).hasSize(1);
	}

	@Test
	void cancelsAnsweredWith5xxAreConfirmedFromDetails() {
		String applied = initiated(10_000);
		simulator.faults().applyThenFailNext(SimulatedOperation.CANCEL, 1, 503);
		run.awaitAnswer(run.send(Commands.cancel(MSN, applied, false)), PaymentCancelled.class);
		assertThat(calls(RecordedExchange.Kind.CANCEL, applied)).hasSize(1);
		String notApplied = initiated(10_000);
		simulator.faults()
			.answerNext(SimulatedOperation.CANCEL, 1, SimulatedAnswer.status(502).withBody(BodyShape.HTML));
		run.awaitAnswer(run.send(Commands.cancel(MSN, notApplied, false)), PaymentCancelled.class);
		assertThat(calls(RecordedExchange.Kind.CANCEL, notApplied)).extracting(RecordedExchange::status)
			.containsExactly(502, 200);
	}

	@Test
	void capturesAndRefundsAnsweredWith5xxMoveMoneyOnce() {
		String orderId = reserved(10_000);
		simulator.faults()
			.answerNext(SimulatedOperation.CAPTURE, 3, SimulatedAnswer.status(503).withBody(BodyShape.AZURE));
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, 6_000L)), PaymentCaptured.class);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 3, SimulatedAnswer.error(500, "Payment", "42"));
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		simulator.faults()
			.applyThenAnswerNext(SimulatedOperation.REFUND, 1, SimulatedAnswer.status(504).withBody(BodyShape.EMPTY));
		run.awaitAnswer(run.send(Commands.refund(MSN, orderId, 3_000L)), PaymentRefunded.class);
		SimulatedPayment payment = simulator.payment(MSN, orderId).orElseThrow();
		assertThat(payment.capturedAmount()).isEqualTo(10_000);
		assertThat(payment.refundedAmount()).isEqualTo(3_000);
	}

	@Test
	void reportsTheOutcomeAsUnknownWhenDetailsCannotTell() {
		String orderId = reserved(10_000);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 3, SimulatedAnswer.status(503));
		simulator.faults().answerNext(SimulatedOperation.DETAILS, 1_000, SimulatedAnswer.status(503));
		PaymentCommand capture = run.send(Commands.capture(MSN, orderId, null));
		PaymentEvent event = run.awaitEnvelope(capture, PaymentOutcomeUnknown.class);
		PaymentOutcomeUnknown unknown = (PaymentOutcomeUnknown) event.getEvent();
		assertThat(unknown.getReason()).isEqualTo(UnresolvedReason.DETAILS_UNAVAILABLE);
		assertThat(unknown.getPendingCommandType()).isEqualTo(CommandType.CAPTURE);
		assertThat(unknown.getAttempts()).isGreaterThan(1);
		assertThat(event.getEventId())
			.isEqualTo(PaymentEventIds.outcomeUnknown(payment(orderId), capture.getCommandId()));
		assertThat(run.answersTo(capture))
			.noneMatch((record) -> record.value().getEvent() instanceof PaymentCommandFailed);
	}

	// Gateway, credentials, wrong requests

	@Test
	void credentialsAndGatewayRefusalsTellAPerson() {
		assertFailed(run.send(Commands.initiate(CommandServiceRun.WRONG_KEYS_MSN, Commands.newOrderId(), 10_000)),
				ErrorCategory.AUTHENTICATION, "HTTP_401", false, true);
		simulator.faults()
			.answerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.status(403).withBody(BodyShape.APIM));
		assertFailed(run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000)), ErrorCategory.AUTHENTICATION,
				"HTTP_403", false, true);
		String orderId = reserved(10_000);
		simulator.faults()
			.answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.status(404).withBody(BodyShape.HTML));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.VALIDATION, "HTTP_404", false, true);
		simulator.faults().answerNext(SimulatedOperation.CAPTURE, 1, SimulatedAnswer.error(400, "Payment", "53"));
		assertFailed(run.send(Commands.capture(MSN, orderId, null)), ErrorCategory.PAYMENT, "53", false, true);
		simulator.faults()
			.answerNext(SimulatedOperation.INITIATE, 1,
					SimulatedAnswer.error(400, "InvalidRequest", "transactionText"));
		assertFailed(run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000)), ErrorCategory.VALIDATION,
				"transactionText", false, true);
	}

	// Transport

	@Test
	void aCaptureThatTimedOutIsConfirmedFromDetailsAndNeverMadeTwice() {
		String orderId = reserved(10_000);
		simulator.faults().latency(SimulatedOperation.CAPTURE, Duration.ofSeconds(4), Duration.ZERO);
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		assertThat(simulator.payment(MSN, orderId).orElseThrow().log())
			.filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.CAPTURE)
			.hasSize(1);
	}

	@Test
	void anInitiateThatTimedOutIsConfirmedFromDetailsWithItsUrlLost() {
		simulator.faults().latency(SimulatedOperation.INITIATE, Duration.ofSeconds(4), Duration.ZERO);
		String orderId = Commands.newOrderId();
		assertThat(run.awaitAnswer(run.send(Commands.initiate(MSN, orderId, 10_000)), PaymentInitiated.class)
			.getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
		// Confirmed by reading /details (the simulator does not record a call whose
		// caller hung up before the answer).
		assertThat(calls(RecordedExchange.Kind.DETAILS, orderId)).isNotEmpty();
		assertThat(simulator.payment(MSN, orderId).orElseThrow().status()).isEqualTo(SimulatedPayment.Status.INITIATED);
	}

	@Test
	void aLostConnectionAfterTheCallWasWrittenMovesNothingTwice() {
		String pending = initiated(10_000);
		simulator.faults().applyThenDropNext(SimulatedOperation.CANCEL, 1);
		run.awaitAnswer(run.send(Commands.cancel(MSN, pending, false)), PaymentCancelled.class);
		assertThat(calls(RecordedExchange.Kind.CANCEL, pending)).hasSize(1);
		String reserved = reserved(10_000);
		simulator.faults().applyThenDropNext(SimulatedOperation.CAPTURE, 1);
		run.awaitAnswer(run.send(Commands.capture(MSN, reserved, null)), PaymentCaptured.class);
		assertThat(simulator.payment(MSN, reserved).orElseThrow().log())
			.filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.CAPTURE)
			.hasSize(1);
	}

	private static PaymentCommandFailed assertFailed(PaymentCommand command, ErrorCategory category, String code,
			boolean retryable, boolean personMustAct) {
		PaymentCommandFailed failed = run.awaitAnswer(command, PaymentCommandFailed.class);
		assertThat(failed.getErrorCategory()).as(failed.getErrorMessage()).isEqualTo(category);
		assertThat(failed.getErrorCode()).as(failed.getErrorMessage()).isEqualTo(code);
		assertThat(failed.getRetryable()).as("retryable: " + failed.getErrorMessage()).isEqualTo(retryable);
		assertThat(failed.getPersonMustAct()).as("person must act: " + failed.getErrorMessage())
			.isEqualTo(personMustAct);
		return failed;
	}

	private static String initiated(long amount) {
		String orderId = Commands.newOrderId();
		run.awaitAnswer(run.send(Commands.initiate(MSN, orderId, amount)), PaymentInitiated.class);
		return orderId;
	}

	private static String reserved(long amount) {
		String orderId = initiated(amount);
		simulator.approve(MSN, orderId);
		return orderId;
	}

	private static String captured(long amount) {
		String orderId = reserved(amount);
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		return orderId;
	}

	private static PaymentKey payment(String orderId) {
		return PaymentKey.of(MSN, orderId);
	}

	private static List<RecordedExchange> calls(RecordedExchange.Kind kind, String orderId) {
		return simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == kind && orderId.equals(exchange.orderId()))
			.toList();
	}

}
