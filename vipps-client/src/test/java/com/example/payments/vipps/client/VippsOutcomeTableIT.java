package com.example.payments.vipps.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsErrorClassification;
import com.example.payments.vipps.client.error.VippsNextStep;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionLogEntry;
import com.example.payments.vipps.client.model.TransactionOperation;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedAnswer;
import com.example.payments.vipps.simulator.SimulatedAnswer.BodyShape;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outcome table of the README, row by row, against the simulator over HTTP: every
 * Vipps answer of a mutating call ends as applied, not applied or unknown, with the
 * caller's next step. Where the simulator produces the error by itself (over-capture,
 * capture before reservation, duplicate orderId, order lock, rate limit, time limits ...)
 * the test provokes it; the rest are injected answers.
 *
 * @author vipps-client
 */
@RequiresVippsOpenApiSpec
class VippsOutcomeTableIT {

	@RegisterExtension
	static final SimulatedVipps vipps = new SimulatedVipps();

	private static final String MSN = SimulatorFixtures.MSN;

	private static final int ATTEMPTS = SimulatorFixtures.FAST_RETRIES.maxAttempts();

	// ---- injected answers -----------------------------------------------------------

	@ParameterizedTest(name = "{0} answered HTTP {1} {2}/{3} body={4} Retry-After={5} -> {6} {7}")
	@CsvSource({
			// operation, status, group, code, body, Retry-After s, outcome, next step,
			// category, person must act, attempts, expected wait s
			"CAPTURE, 400, Payment, 41, , , NOT_APPLIED, GIVE_UP, PAYMENT, false, 1, ",
			"CAPTURE, 400, Payment, 42, , , NOT_APPLIED, GIVE_UP, PAYMENT, false, 1, ",
			"CAPTURE, 400, Payment, 43, , , NOT_APPLIED, GIVE_UP, PAYMENT, false, 1, ",
			"CAPTURE, 400, Payment, 44, , , NOT_APPLIED, GIVE_UP, PAYMENT, false, 1, ",
			"CAPTURE, 400, Payment, 45, , , NOT_APPLIED, GIVE_UP, PAYMENT, false, 1, ",
			"CAPTURE, 400, Payment, 63, , , UNKNOWN, READ_DETAILS_FIRST, PAYMENT, false, 3, ",
			"CAPTURE, 400, Payment, 93, , , NOT_APPLIED, FIX_REQUEST, PAYMENT, true, 1, ",
			"INITIATE, 400, Payment, 1082, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, PAYMENT, true, 1, ",
			"CAPTURE, 400, Payment, 53, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, PAYMENT, true, 1, ",
			"INITIATE, 403, Merchant, 97, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true, 1, ",
			"INITIATE, 400, User, 81, , , NOT_APPLIED, GIVE_UP, USER, false, 1, ",
			"INITIATE, 400, User, 82, , , NOT_APPLIED, GIVE_UP, USER, false, 1, ",
			"INITIATE, 400, InvalidRequest, transaction.amount, , , NOT_APPLIED, FIX_REQUEST, VALIDATION, true, 1, ",
			"CAPTURE, 400, VippsError, 92, , , NOT_APPLIED, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 1, ",
			"CAPTURE, 409, VippsError, 94, , , NOT_APPLIED, RETRY_SAME_KEY, VIPPS_INTERNAL, false, 3, ",
			"CANCEL, 409, , , EMPTY, , NOT_APPLIED, RETRY_SAME_KEY, VIPPS_INTERNAL, false, 1, ",
			"INITIATE, 429, VippsError, 98, , , NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false, 1, 60",
			"CAPTURE, 400, VippsError, 98, , , NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false, 1, 60",
			"INITIATE, 429, , , APIM, , NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false, 1, 60",
			"REFUND, 429, , , AZURE, 30, NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false, 1, 30",
			"INITIATE, 500, VippsError, 99, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 1, ",
			"INITIATE, 400, VippsError, 99, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 1, ",
			"CANCEL, 503, VippsError, 99, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 1, ",
			"CANCEL, 502, , , HTML, , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 1, ",
			"CAPTURE, 503, , , AZURE, , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 3, ",
			"REFUND, 504, , , EMPTY, , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false, 3, ",
			"CAPTURE, 500, Payment, 42, , , UNKNOWN, READ_DETAILS_FIRST, PAYMENT, false, 3, ",
			"INITIATE, 403, , , APIM, , NOT_APPLIED, GIVE_UP_TELL_PERSON, AUTHENTICATION, true, 1, ",
			"CAPTURE, 404, , , HTML, , NOT_APPLIED, GIVE_UP_TELL_PERSON, VALIDATION, true, 1, " })
	void classifiesInjectedAnswers(SimulatedOperation operation, int status, String group, String code, BodyShape body,
			Integer retryAfterSeconds, String outcome, VippsNextStep nextStep, VippsErrorCategory category,
			boolean personMustAct, int attempts, Integer expectedWaitSeconds) {
		String orderId = prepare(operation);
		Optional<SimulatedPayment> before = vipps.sim().payment(MSN, orderId);
		SimulatedAnswer answer = ((group != null) ? SimulatedAnswer.error(status, group, code)
				: SimulatedAnswer.status(status))
			.withRetryAfter((retryAfterSeconds != null) ? Duration.ofSeconds(retryAfterSeconds) : null);
		if (body != null) {
			answer = answer.withBody(body);
		}
		vipps.sim().faults().answerNext(operation, ATTEMPTS, answer);

		VippsOutcome<?> result = call(operation, orderId, SimulatorFixtures.newRequestId());

		VippsErrorClassification classification = result
			.fold((applied) -> Assertions.<VippsErrorClassification>fail("applied: " + applied), (notApplied) -> {
				assertThat(outcome).isEqualTo("NOT_APPLIED");
				return notApplied.classification();
			}, (unknown) -> {
				assertThat(outcome).isEqualTo("UNKNOWN");
				return unknown.classification();
			});
		assertThat(classification.nextStep()).isEqualTo(nextStep);
		assertThat(classification.category()).isEqualTo(category);
		assertThat(classification.personMustAct()).isEqualTo(personMustAct);
		assertThat(classification.retryAfter())
			.isEqualTo((expectedWaitSeconds != null) ? Duration.ofSeconds(expectedWaitSeconds) : null);
		List<RecordedExchange> sent = SimulatorFixtures.apiCalls(vipps.sim(), Kind.valueOf(operation.name()), orderId);
		assertThat(sent).as("attempts").hasSize(attempts);
		assertThat(sent).extracting((exchange) -> exchange.requestHeader("X-Request-Id"))
			.as("every repeat with the same key")
			.containsOnly(sent.get(0).requestHeader("X-Request-Id"));
		assertThat(vipps.sim().payment(MSN, orderId).map(VippsOutcomeTableIT::money))
			.as("the injected answer applied nothing")
			.isEqualTo(before.map(VippsOutcomeTableIT::money));
	}

	// ---- applied --------------------------------------------------------------------

	@Test
	void appliesA2xxWithItsWholeAnswer() {
		String orderId = reserved(20000);
		VippsOutcome.Applied<TransactionResponse> applied = SimulatorFixtures.appliedOutcome(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 5000L, "Shipped")));
		assertThat(applied.httpStatus()).isEqualTo(200);
		assertThat(applied.fullyRead()).isTrue();
		assertThat(applied.response().transactionInfo().amount()).isEqualTo(5000);
		assertThat(applied.response().transactionInfo().timeStamp()).isNotNull();
		assertThat(applied.rawBody()).contains("\"capturedAmount\":5000");
		assertThat(applied.operation()).isEqualTo(VippsOperation.CAPTURE);
		assertThat(applied.msn()).isEqualTo(MSN);
		assertThat(applied.orderId()).isEqualTo(orderId);
	}

	@Test
	void appliesA2xxWithAnOddTimestampKeepingEverythingElse() {
		String orderId = reserved(20000);
		vipps.sim()
			.faults()
			.applyThenAnswerNext(SimulatedOperation.CAPTURE, 1,
					SimulatedAnswer.brokenSuccess(BodyShape.ODD_TIMESTAMPS));
		VippsOutcome.Applied<TransactionResponse> applied = SimulatorFixtures.appliedOutcome(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 5000L, "Shipped")));
		assertThat(applied.fullyRead()).isFalse();
		assertThat(applied.readProblem()).contains("/transactionInfo/timeStamp", "14.11.2018 15:22:46");
		assertThat(applied.response().transactionInfo().timeStamp()).isNull();
		assertThat(applied.response().transactionInfo().amount()).isEqualTo(5000);
		assertThat(applied.response().transactionSummary().capturedAmount()).isEqualTo(5000);
		assertThat(applied.rawBody()).contains("14.11.2018 15:22:46");
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(5000);
	}

	@Test
	void appliesA2xxWithAnEmptyBody() {
		String orderId = SimulatorFixtures.newOrderId();
		vipps.sim()
			.faults()
			.applyThenAnswerNext(SimulatedOperation.INITIATE, 1, SimulatedAnswer.brokenSuccess(BodyShape.EMPTY));
		VippsOutcome.Applied<PaymentInitiationResponse> applied = SimulatorFixtures
			.appliedOutcome(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
		assertThat(applied.response()).as("the landing page url is lost").isNull();
		assertThat(applied.rawBody()).isEmpty();
		assertThat(applied.readProblem()).isEqualTo("empty body");
		assertThat(vipps.sim().payment(MSN, orderId)).as("the payment exists at Vipps").isPresent();
	}

	@Test
	void appliesA2xxThatIsNotJson() {
		String orderId = captured(20000);
		vipps.sim()
			.faults()
			.applyThenAnswerNext(SimulatedOperation.REFUND, 1, SimulatedAnswer.brokenSuccess(BodyShape.HTML));
		VippsOutcome.Applied<RefundTransactionResponse> applied = SimulatorFixtures.appliedOutcome(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 3000L, "Returned")));
		assertThat(applied.response()).isNull();
		assertThat(applied.rawBody()).startsWith("<html>");
		assertThat(applied.readProblem()).startsWith("not a readable RefundTransactionResponse");
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(3000);
	}

	// ---- Payment --------------------------------------------------------------------

	@ParameterizedTest(name = "Payment {0}")
	@ValueSource(strings = { "41", "42", "43", "44", "45" })
	void showsAFailedReservationInDetailsAndRefusesItsCapture(String code) {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
		vipps.sim().failReservation(MSN, orderId, code);
		PaymentDetails details = vipps.client().details(MSN, orderId).block(SimulatorFixtures.CALL_TIMEOUT);
		TransactionLogEntry newest = details.transactionLogHistory().get(0);
		assertThat(newest.operation()).isEqualTo(TransactionOperation.RESERVE);
		assertThat(newest.operationSuccess()).isFalse();
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, null, "Shipped")));
		assertThat(capture.failure().errorCode()).isEqualTo("91");
		assertThat(capture.nextStep()).isEqualTo(VippsNextStep.GIVE_UP);
	}

	@Test
	void payment51CancelAfterCaptureIsNotAppliedFinal() {
		String orderId = captured(10000);
		VippsOutcome.NotApplied<CancelTransactionResponse> cancel = SimulatorFixtures
			.notApplied(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Too late")));
		assertNotApplied(cancel, "Payment", "51", VippsNextStep.GIVE_UP, VippsErrorCategory.PAYMENT, false);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().status())
			.isEqualTo(SimulatedPayment.Status.CAPTURED);
	}

	@Test
	void payment52CancellationFailedIsUnknownAndNotRepeated() {
		String orderId = reserved(10000);
		vipps.sim().faults().userInThreeDSecureNext(1);
		VippsOutcome.Unknown<CancelTransactionResponse> cancel = SimulatorFixtures
			.unknown(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Out of stock")));
		assertThat(cancel.failure().errorCode()).isEqualTo("52");
		assertThat(cancel.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL, orderId)).hasSize(1);
	}

	@Test
	void payment61CaptureAboveReservedNeedsAFixedAmount() {
		String orderId = reserved(10000);
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 10100L, "Too much")));
		assertNotApplied(capture, "Payment", "61", VippsNextStep.FIX_REQUEST, VippsErrorCategory.PAYMENT, true);
		assertThat(capture.failure().contextId()).isNotBlank();
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)).as("not repeated").hasSize(1);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount()).isZero();
	}

	@Test
	void payment62CaptureBeforeReservationWaitsForIt() {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, null, "Shipped")));
		assertNotApplied(capture, "Payment", "62", VippsNextStep.WAIT_FOR_RESERVATION, VippsErrorCategory.PAYMENT,
				false);
	}

	@Test
	void payment71RefundAboveCapturedNeedsAFixedAmount() {
		String orderId = reserved(10000);
		SimulatorFixtures.applied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 5000L, "Shipped")));
		VippsOutcome.NotApplied<RefundTransactionResponse> refund = SimulatorFixtures.notApplied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 6000L, "Too much")));
		assertNotApplied(refund, "Payment", "71", VippsNextStep.FIX_REQUEST, VippsErrorCategory.PAYMENT, true);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().refundedAmount()).isZero();
	}

	@Test
	void payment72RefundOfAReservationIsFinal() {
		String orderId = reserved(10000);
		VippsOutcome.NotApplied<RefundTransactionResponse> refund = SimulatorFixtures.notApplied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 1000L, "Refund")));
		assertNotApplied(refund, "Payment", "72", VippsNextStep.GIVE_UP, VippsErrorCategory.PAYMENT, false);
	}

	@Test
	void payment73RefundOfACancelledPaymentIsFinal() {
		String orderId = reserved(10000);
		SimulatorFixtures.applied(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Cancelled")));
		VippsOutcome.NotApplied<RefundTransactionResponse> refund = SimulatorFixtures.notApplied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 1000L, "Refund")));
		assertNotApplied(refund, "Payment", "73", VippsNextStep.GIVE_UP, VippsErrorCategory.PAYMENT, false);
	}

	@Test
	void payment74RefundAccountFailureWaitsForAPersonThenTheSameKeySucceeds() {
		String orderId = captured(10000);
		String requestId = SimulatorFixtures.newRequestId();
		vipps.sim().faults().refundAccountFailureNext(1);
		VippsOutcome.NotApplied<RefundTransactionResponse> refund = SimulatorFixtures
			.notApplied(vipps.client().refund(orderId, requestId, PaymentActionsRequest.of(MSN, 1000L, "Returned")));
		assertNotApplied(refund, "Payment", "74", VippsNextStep.RETRY_SAME_KEY, VippsErrorCategory.PAYMENT, true);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.REFUND, orderId)).as("not repeated automatically")
			.hasSize(1);
		SimulatorFixtures
			.applied(vipps.client().refund(orderId, requestId, PaymentActionsRequest.of(MSN, 1000L, "Returned")));
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(1000);
	}

	@Test
	void payment95RefundAfter365DaysIsFinal() {
		String orderId = captured(10000);
		vipps.sim().advanceClock(Duration.ofDays(366));
		VippsOutcome.NotApplied<RefundTransactionResponse> refund = SimulatorFixtures.notApplied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 1000L, "Late")));
		assertNotApplied(refund, "Payment", "95", VippsNextStep.GIVE_UP, VippsErrorCategory.PAYMENT, false);
	}

	@Test
	void payment98CaptureAfter180DaysIsFinal() {
		String orderId = reserved(10000);
		vipps.sim().advanceClock(Duration.ofDays(181));
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, null, "Late")));
		assertNotApplied(capture, "Payment", "98", VippsNextStep.GIVE_UP, VippsErrorCategory.PAYMENT, false);
		assertThat(capture.retryAfter()).as("Payment 98 is not VippsError 98").isNull();
	}

	// ---- Merchant -------------------------------------------------------------------

	@Test
	void merchant34DuplicateOrderIdReadsDetailsFirst() {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
		VippsOutcome.NotApplied<PaymentInitiationResponse> again = SimulatorFixtures
			.notApplied(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
		assertNotApplied(again, "Merchant", "34", VippsNextStep.READ_DETAILS_FIRST, VippsErrorCategory.MERCHANT, false);
		assertThat(vipps.client().details(MSN, orderId).block(SimulatorFixtures.CALL_TIMEOUT).orderId())
			.as("the payment exists: an earlier attempt made it")
			.isEqualTo(orderId);
	}

	@Test
	void merchant35UnknownOrderTellsAPerson() {
		String orderId = SimulatorFixtures.newOrderId();
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 1000L, "Shipped")));
		assertNotApplied(capture, "Merchant", "35", VippsNextStep.GIVE_UP_TELL_PERSON, VippsErrorCategory.MERCHANT,
				true);
		assertThat(capture.failure().httpStatus()).isEqualTo(404);
	}

	@Test
	void merchant37SalesUnitNotAvailableToThesePartnerKeysTellsAPerson() {
		VippsOutcome.NotApplied<PaymentInitiationResponse> initiate = SimulatorFixtures.notApplied(vipps.client()
			.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.FOREIGN_MSN, SimulatorFixtures.newOrderId(),
					10000)));
		assertNotApplied(initiate, "Merchant", "37", VippsNextStep.GIVE_UP_TELL_PERSON, VippsErrorCategory.MERCHANT,
				true);
		assertThat(initiate.failure().httpStatus()).isEqualTo(403);
	}

	@Test
	void merchant51ScopeNotAllowedTellsAPerson() {
		String orderId = SimulatorFixtures.newOrderId();
		InitiatePaymentRequest withNin = new InitiatePaymentRequest(null,
				MerchantInfo.regular(MSN, SimulatorFixtures.CALLBACK_PREFIX, SimulatorFixtures.FALLBACK, null),
				new InitiateTransaction(orderId, 10000, "Socks", null, "name nin", null));
		VippsOutcome.NotApplied<PaymentInitiationResponse> initiate = SimulatorFixtures
			.notApplied(vipps.client().initiate(withNin));
		assertNotApplied(initiate, "Merchant", "51", VippsNextStep.GIVE_UP_TELL_PERSON, VippsErrorCategory.MERCHANT,
				true);
		assertThat(vipps.sim().payment(MSN, orderId)).isEmpty();
	}

	// ---- VippsError -----------------------------------------------------------------

	@Test
	void vippsError91CaptureOfACancelledPaymentIsFinal() {
		String orderId = reserved(10000);
		SimulatorFixtures.applied(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Cancelled")));
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 1000L, "Shipped")));
		assertNotApplied(capture, "VippsError", "91", VippsNextStep.GIVE_UP, VippsErrorCategory.VIPPS_INTERNAL, false);
	}

	@Test
	void vippsError93SameKeyWithAnotherAmountNeedsAFix() {
		String orderId = reserved(10000);
		String requestId = SimulatorFixtures.newRequestId();
		SimulatorFixtures
			.applied(vipps.client().capture(orderId, requestId, PaymentActionsRequest.of(MSN, 1000L, "Shipped")));
		VippsOutcome.NotApplied<TransactionResponse> capture = SimulatorFixtures
			.notApplied(vipps.client().capture(orderId, requestId, PaymentActionsRequest.of(MSN, 2000L, "Shipped")));
		assertNotApplied(capture, "VippsError", "93", VippsNextStep.FIX_REQUEST, VippsErrorCategory.VIPPS_INTERNAL,
				true);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(1000);
	}

	@Test
	void vippsError94OrderLockedCancelIsNotAppliedAndLeftToTheCaller() {
		String orderId = reserved(10000);
		// A capture held in flight (applied at once, answered 6 s later) locks the order.
		vipps.sim().faults().latency(SimulatedOperation.CAPTURE, Duration.ofSeconds(6), Duration.ZERO);
		try (VippsClient patient = VippsClient.create(
				SimulatorFixtures.config(vipps.sim()).readTimeout(Duration.ofSeconds(30)).build(),
				new SimpleMeterRegistry())) {
			CompletableFuture<VippsOutcome<TransactionResponse>> inFlight = patient
				.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 5000L, "Shipped"))
				.toFuture();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount() == 5000);
			VippsOutcome.NotApplied<CancelTransactionResponse> cancel = SimulatorFixtures
				.notApplied(vipps.client().cancel(orderId, CancelPaymentRequest.releasingRemainingFunds(MSN, "Rest")));
			assertNotApplied(cancel, "VippsError", "94", VippsNextStep.RETRY_SAME_KEY,
					VippsErrorCategory.VIPPS_INTERNAL, false);
			assertThat(cancel.failure().httpStatus()).isEqualTo(409);
			assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL, orderId)).as("cancel is not repeated")
				.hasSize(1);
			assertThat(inFlight.join()).isInstanceOf(VippsOutcome.Applied.class);
		}
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().remainingAmountToCapture()).as("nothing released")
			.isEqualTo(5000);
	}

	// ---- HTTP statuses and transport -----------------------------------------------

	@Test
	void http401WrongKeysTellsAPersonAndSendsNothing() {
		VippsClientConfig config = VippsClientConfig.builder(vipps.sim().baseUrl(), SimulatorFixtures.SYSTEM)
			.merchant(MSN, new VippsCredentials("client-id", "wrong-secret", "subscription-key-1"))
			.retry(SimulatorFixtures.FAST_RETRIES)
			.build();
		String orderId = SimulatorFixtures.newOrderId();
		try (VippsClient wrong = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsOutcome.NotApplied<PaymentInitiationResponse> initiate = SimulatorFixtures
				.notApplied(wrong.initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000)));
			assertThat(initiate.failure().httpStatus()).isEqualTo(401);
			assertThat(initiate.failure().operation()).isEqualTo(VippsOperation.ACCESS_TOKEN);
			assertThat(initiate.operation()).isEqualTo(VippsOperation.INITIATE);
			assertThat(initiate.category()).isEqualTo(VippsErrorCategory.AUTHENTICATION);
			assertThat(initiate.nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
			assertThat(initiate.personMustAct()).isTrue();
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.INITIATE)).isEmpty();
	}

	@Test
	void http404UnknownPathTellsAPerson() {
		VippsClientConfig config = VippsClientConfig
			.builder(vipps.sim().baseUrl() + "/no-such-prefix", SimulatorFixtures.SYSTEM)
			.merchant(MSN, SimulatorFixtures.MERCHANT_KEYS)
			.retry(SimulatorFixtures.FAST_RETRIES)
			.build();
		try (VippsClient misconfigured = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsOutcome.NotApplied<PaymentInitiationResponse> initiate = SimulatorFixtures.notApplied(misconfigured
				.initiate(SimulatorFixtures.regularPayment(MSN, SimulatorFixtures.newOrderId(), 10000)));
			assertThat(initiate.failure().httpStatus()).isEqualTo(404);
			assertThat(initiate.category()).isEqualTo(VippsErrorCategory.VALIDATION);
			assertThat(initiate.nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
		}
	}

	@Test
	void http429PerOrderCaptureLimitWaitsForRetryAfter() {
		String orderId = reserved(100000);
		for (int i = 0; i < 5; i++) {
			SimulatorFixtures.applied(vipps.client()
				.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 100L, "Part " + i)));
		}
		VippsOutcome.NotApplied<TransactionResponse> throttled = SimulatorFixtures.notApplied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 100L, "Part 6")));
		assertThat(throttled.failure().httpStatus()).isEqualTo(429);
		assertThat(throttled.nextStep()).isEqualTo(VippsNextStep.WAIT_THEN_RETRY);
		assertThat(throttled.category()).isEqualTo(VippsErrorCategory.RATE_LIMITED);
		RecordedExchange last = SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId).get(5);
		assertThat(throttled.retryAfter()).as("Vipps' Retry-After")
			.isEqualTo(Duration.ofSeconds(Long.parseLong(last.responseHeader("Retry-After"))))
			.isGreaterThan(SimulatorFixtures.FAST_RETRIES.maxTotalTime());
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId))
			.as("a Retry-After beyond the retry budget is left to the caller")
			.hasSize(6);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount()).isEqualTo(500);
	}

	@Test
	void unknownWhenVippsAppliedTheCancelButAnswered5xx() {
		String orderId = reserved(10000);
		vipps.sim().faults().applyThenFailNext(SimulatedOperation.CANCEL, 1, 502);
		VippsOutcome.Unknown<CancelTransactionResponse> cancel = SimulatorFixtures
			.unknown(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Out of stock")));
		assertThat(cancel.failure().httpStatus()).isEqualTo(502);
		assertThat(cancel.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL, orderId)).as("never repeated blindly")
			.hasSize(1);
		assertThat(vipps.client()
			.details(MSN, orderId)
			.block(SimulatorFixtures.CALL_TIMEOUT)
			.transactionLogHistory()
			.get(0)
			.operation()).as("details tell the truth: it was applied").isEqualTo(TransactionOperation.VOID);
	}

	@Test
	void unknownWhenTheConnectionIsLostAfterTheCancelWasWritten() {
		String orderId = reserved(10000);
		vipps.sim().faults().applyThenDropNext(SimulatedOperation.CANCEL, 1);
		VippsOutcome.Unknown<CancelTransactionResponse> cancel = SimulatorFixtures
			.unknown(vipps.client().cancel(orderId, CancelPaymentRequest.of(MSN, "Out of stock")));
		assertThat(cancel.category()).isEqualTo(VippsErrorCategory.TRANSPORT);
		assertThat(cancel.failure().httpStatus()).isZero();
		assertThat(cancel.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL, orderId)).as("never repeated blindly")
			.hasSize(1);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().status()).isEqualTo(SimulatedPayment.Status.VOIDED);
	}

	@Test
	void capturesOnceWhenTheConnectionIsLostAfterTheCaptureWasWritten() {
		String orderId = reserved(10000);
		String requestId = SimulatorFixtures.newRequestId();
		vipps.sim().faults().applyThenDropNext(SimulatedOperation.CAPTURE, 1);
		TransactionResponse captured = SimulatorFixtures
			.applied(vipps.client().capture(orderId, requestId, PaymentActionsRequest.of(MSN, 4000L, "Shipped")));
		assertThat(captured.transactionSummary().capturedAmount()).isEqualTo(4000);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)).extracting(RecordedExchange::status)
			.as("repeated with the same X-Request-Id, answered from Vipps' idempotency store")
			.containsExactly(-1, 200);
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().log())
			.filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.CAPTURE)
			.hasSize(1);
	}

	@Test
	void unknownWhenEveryCaptureAttemptTimesOutAfterBeingWritten() {
		String orderId = reserved(10000);
		vipps.sim().faults().latency(SimulatedOperation.CAPTURE, Duration.ofMillis(1500), Duration.ZERO);
		try (VippsClient impatient = VippsClient.create(
				SimulatorFixtures.config(vipps.sim()).readTimeout(Duration.ofMillis(300)).build(),
				new SimpleMeterRegistry())) {
			VippsOutcome.Unknown<TransactionResponse> capture = SimulatorFixtures.unknown(impatient.capture(orderId,
					SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, 4000L, "Shipped")));
			assertThat(capture.category()).isEqualTo(VippsErrorCategory.TRANSPORT);
			assertThat(capture.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		}
		assertThat(vipps.sim().payment(MSN, orderId).orElseThrow().capturedAmount()).as("applied once").isEqualTo(4000);
	}

	@Test
	void notAppliedWhenTheConnectionCannotBeEstablished() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		VippsClientConfig config = VippsClientConfig.builder("http://127.0.0.1:" + closedPort, SimulatorFixtures.SYSTEM)
			.merchant(MSN, SimulatorFixtures.MERCHANT_KEYS)
			.retry(SimulatorFixtures.FAST_RETRIES)
			.build();
		try (VippsClient unreachable = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsOutcome.NotApplied<CancelTransactionResponse> cancel = SimulatorFixtures
				.notApplied(unreachable.cancel(SimulatorFixtures.newOrderId(), CancelPaymentRequest.of(MSN, "Cancel")));
			assertThat(cancel.category()).isEqualTo(VippsErrorCategory.TRANSPORT);
			assertThat(cancel.nextStep()).isEqualTo(VippsNextStep.RETRY_SAME_KEY);
			assertThat(cancel.personMustAct()).isFalse();
		}
	}

	@Test
	void notAppliedWhenNoCredentialsAreConfiguredForTheMsn() {
		VippsClientConfig config = VippsClientConfig.builder(vipps.sim().baseUrl(), SimulatorFixtures.SYSTEM)
			.merchant(MSN, SimulatorFixtures.MERCHANT_KEYS)
			.build();
		try (VippsClient ownKeysOnly = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsOutcome.NotApplied<PaymentInitiationResponse> initiate = SimulatorFixtures
				.notApplied(ownKeysOnly.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.FOREIGN_MSN,
						SimulatorFixtures.newOrderId(), 10000)));
			assertThat(initiate.nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
			assertThat(initiate.failure().errorCode()).isEqualTo("merchantSerialNumber");
		}
		assertThat(vipps.sim().exchanges()).isEmpty();
	}

	// ---- helpers ------------------------------------------------------------------

	private static void assertNotApplied(VippsOutcome.NotApplied<?> outcome, String group, String code,
			VippsNextStep nextStep, VippsErrorCategory category, boolean personMustAct) {
		assertThat(outcome.failure().errorGroup()).isEqualTo(group);
		assertThat(outcome.failure().errorCode()).isEqualTo(code);
		assertThat(outcome.nextStep()).isEqualTo(nextStep);
		assertThat(outcome.category()).isEqualTo(category);
		assertThat(outcome.personMustAct()).isEqualTo(personMustAct);
	}

	private static VippsOutcome<?> call(SimulatedOperation operation, String orderId, String requestId) {
		return switch (operation) {
			case INITIATE -> vipps.client()
				.initiate(SimulatorFixtures.regularPayment(MSN, orderId, 10000))
				.block(SimulatorFixtures.CALL_TIMEOUT);
			case CAPTURE -> vipps.client()
				.capture(orderId, requestId, PaymentActionsRequest.of(MSN, 1000L, "Shipped"))
				.block(SimulatorFixtures.CALL_TIMEOUT);
			case CANCEL -> vipps.client()
				.cancel(orderId, CancelPaymentRequest.of(MSN, "Cancelled"))
				.block(SimulatorFixtures.CALL_TIMEOUT);
			case REFUND -> vipps.client()
				.refund(orderId, requestId, PaymentActionsRequest.of(MSN, 1000L, "Returned"))
				.block(SimulatorFixtures.CALL_TIMEOUT);
			default -> throw new IllegalArgumentException("not a mutating operation: " + operation);
		};
	}

	private static String prepare(SimulatedOperation operation) {
		return switch (operation) {
			case INITIATE -> SimulatorFixtures.newOrderId();
			case REFUND -> captured(10000);
			default -> reserved(10000);
		};
	}

	private static String reserved(long amount) {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(MSN, orderId, amount)));
		vipps.sim().approve(MSN, orderId);
		return orderId;
	}

	private static String captured(long amount) {
		String orderId = reserved(amount);
		SimulatorFixtures.applied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(), PaymentActionsRequest.of(MSN, null, "Shipped")));
		return orderId;
	}

	private static List<Object> money(SimulatedPayment payment) {
		return List.of(payment.status(), payment.capturedAmount(), payment.refundedAmount(),
				payment.remainingAmountToCapture());
	}

}
