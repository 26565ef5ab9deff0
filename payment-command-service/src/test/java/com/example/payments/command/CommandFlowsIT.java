package com.example.payments.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.CancellationReason;
import com.example.payments.schema.event.ErrorCategory;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentCancelled;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentRefunded;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command service's flows on a real broker against the simulator: initiate (regular,
 * express with static and with address-dependent shipping), capture and refund (full and
 * partial), cancel before and after the reservation and after a partial capture (with and
 * without releasing the rest), two sales units and partner keys, per-payment order under
 * concurrency, a rate limit that delays one payment only, and invalid commands. Every
 * request the service sent and every answer it got validate against Vipps' OpenAPI spec.
 */
@ExtendWith({ KafkaTestEnvironment.class, OutputCaptureExtension.class })
@RequiresVippsOpenApiSpec
class CommandFlowsIT {

	private static final String MSN = CommandServiceRun.MSN;

	private static VippsSimulator simulator;

	private static CommandServiceRun run;

	private static EventLog<ExpressShippingRules> shippingRules;

	@BeforeAll
	static void start(KafkaTestEnvironment.Environment kafka) {
		simulator = CommandServiceRun.startSimulator();
		run = CommandServiceRun.start(kafka, simulator, "flows");
		shippingRules = EventLog.of(kafka, run.shippingRulesTopic(), Map.of());
	}

	@AfterAll
	static void stop() {
		if (run != null) {
			assertThat(VippsOpenApiContract.load().violations(simulator.exchanges())).isEmpty();
			shippingRules.close();
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

	@Test
	void initiatesARegularPaymentWithTheIngestServicesPrefixesAndTheAuthToken() {
		String orderId = Commands.newOrderId();
		PaymentCommand initiate = run.send(Commands.initiate(MSN, orderId, 20_000));
		PaymentEvent event = run.awaitEnvelope(initiate, PaymentInitiated.class);
		PaymentInitiated initiated = (PaymentInitiated) event.getEvent();
		assertThat(initiated.getUrlStatus()).isEqualTo(PaymentUrlStatus.ISSUED);
		assertThat(initiated.getUrl()).isEqualTo(simulator.payment(MSN, orderId).orElseThrow().url());
		assertThat(initiated.getAmount()).isEqualTo(20_000);
		assertThat(event.getEventId()).isEqualTo(PaymentEventIds.initiated(PaymentKey.of(MSN, orderId)));
		assertThat(event.getSource()).isEqualTo(EventSource.COMMAND);
		JsonNode merchantInfo = body(onlyCall(RecordedExchange.Kind.INITIATE, orderId)).path("merchantInfo");
		assertThat(merchantInfo.path("callbackPrefix").asString()).isEqualTo("http://127.0.0.1:9/vipps/callbacks");
		assertThat(merchantInfo.path("authToken").asString())
			.isEqualTo(new CallbackAuthTokens(CommandServiceRun.AUTH_TOKEN_SECRET, null).tokenFor(MSN, orderId));
		assertThat(merchantInfo.path("fallBack").asString()).isEqualTo("https://shop.example.com/vipps/result");
		assertThat(merchantInfo.has("shippingDetailsPrefix")).isFalse();
		assertThat(merchantInfo.has("consentRemovalPrefix")).isFalse();
	}

	@Test
	void logsTheSalesUnitAndOrderIdOfEachCommandButNeverTheMobileNumber(CapturedOutput output) {
		String orderId = Commands.newOrderId();
		PaymentCommand command = Commands.initiate(MSN, orderId, 12_300);
		((InitiatePayment) command.getCommand()).setCustomerMobileNumber("93456789");
		run.awaitAnswer(run.send(command), PaymentInitiated.class);
		assertThat(body(onlyCall(RecordedExchange.Kind.INITIATE, orderId)).path("customerInfo")
			.path("mobileNumber")
			.asString()).isEqualTo("93456789");
		await().atMost(CommandServiceRun.patience())
			.untilAsserted(() -> assertThat(output.getOut()).contains("msn=" + MSN + " orderId=" + orderId));
		assertThat(output.getAll()).doesNotContain("93456789");
	}

	@Test
	void sendsStaticShippingOptionsToVippsInKroner() {
		String orderId = Commands.newOrderId();
		PaymentCommand initiate = run.send(Commands.expressWithStaticShipping(MSN, orderId, 30_000));
		assertThat(run.awaitAnswer(initiate, PaymentInitiated.class).getUrlStatus()).isEqualTo(PaymentUrlStatus.ISSUED);
		JsonNode merchantInfo = body(onlyCall(RecordedExchange.Kind.INITIATE, orderId)).path("merchantInfo");
		assertThat(merchantInfo.path("paymentType").asString()).isEqualTo("eComm Express Payment");
		assertThat(merchantInfo.path("consentRemovalPrefix").asString()).isEqualTo("http://127.0.0.1:9/vipps/consents");
		assertThat(merchantInfo.has("shippingDetailsPrefix")).isFalse();
		JsonNode first = merchantInfo.path("staticShippingDetails").get(0);
		assertThat(first.path("shippingCost").decimalValue()).isEqualByComparingTo("49.50");
		assertThat(first.path("isDefault").asString()).isEqualTo("Y");
		assertThat(merchantInfo.path("staticShippingDetails").get(1).path("shippingCost").decimalValue())
			.isEqualByComparingTo("199");
		assertThat(shippingRules.records()).noneMatch((record) -> record.key().endsWith(":" + orderId));
	}

	@Test
	void publishesAddressDependentShippingRulesBeforeTheInitiateCall() {
		String orderId = Commands.newOrderId();
		PaymentCommand initiate = run.send(Commands.expressWithShippingRules(MSN, orderId, 30_000));
		run.awaitAnswer(initiate, PaymentInitiated.class);
		ConsumerRecord<String, ExpressShippingRules> rules = shippingRules
			.awaitRecord((record) -> record.key().equals(MSN + ":" + orderId));
		assertThat(rules.value()).isEqualTo(((InitiatePayment) initiate.getCommand()).getShippingRules());
		RecordedExchange call = onlyCall(RecordedExchange.Kind.INITIATE, orderId);
		assertThat(Instant.ofEpochMilli(rules.timestamp())).isBeforeOrEqualTo(call.at());
		JsonNode merchantInfo = body(call).path("merchantInfo");
		assertThat(merchantInfo.path("shippingDetailsPrefix").asString())
			.isEqualTo("http://127.0.0.1:9/vipps/shipping");
		assertThat(merchantInfo.has("staticShippingDetails")).isFalse();
	}

	@Test
	void capturesPartlyThenTheRest() {
		String orderId = reserved(MSN, 20_000);
		PaymentCommand partial = run.send(Commands.capture(MSN, orderId, 5_000L));
		PaymentEvent first = run.awaitEnvelope(partial, PaymentCaptured.class);
		PaymentCommand rest = run.send(Commands.capture(MSN, orderId, null));
		PaymentCaptured second = run.awaitAnswer(rest, PaymentCaptured.class);
		PaymentCaptured firstCapture = (PaymentCaptured) first.getEvent();
		assertThat(firstCapture.getAmount()).isEqualTo(5_000);
		assertThat(firstCapture.getSummary().getRemainingAmountToCapture()).isEqualTo(15_000);
		assertThat(first.getEventId())
			.isEqualTo(PaymentEventIds.capture(PaymentKey.of(MSN, orderId), partial.getCommandId()));
		assertThat(second.getAmount()).isEqualTo(15_000);
		assertThat(second.getSummary().getCapturedAmount()).isEqualTo(20_000);
		assertThat(simulator.payment(MSN, orderId).orElseThrow().status()).isEqualTo(SimulatedPayment.Status.CAPTURED);
		assertThat(calls(RecordedExchange.Kind.CAPTURE, orderId))
			.extracting((call) -> call.requestHeader("X-Request-Id"))
			.containsExactly(partial.getCommandId(), rest.getCommandId());
	}

	@Test
	void refundsPartlyThenTheRest() {
		String orderId = reserved(MSN, 20_000);
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, null)), PaymentCaptured.class);
		PaymentRefunded partial = run.awaitAnswer(run.send(Commands.refund(MSN, orderId, 5_000L)),
				PaymentRefunded.class);
		PaymentRefunded rest = run.awaitAnswer(run.send(Commands.refund(MSN, orderId, null)), PaymentRefunded.class);
		assertThat(partial.getAmount()).isEqualTo(5_000);
		assertThat(partial.getSummary().getRemainingAmountToRefund()).isEqualTo(15_000);
		assertThat(rest.getAmount()).isEqualTo(15_000);
		assertThat(simulator.payment(MSN, orderId).orElseThrow().refundedAmount()).isEqualTo(20_000);
	}

	@Test
	void cancelsAPaymentBeforeTheUserActs() {
		String orderId = initiated(MSN, 20_000);
		PaymentCommand cancel = run.send(Commands.cancel(MSN, orderId, false));
		PaymentEvent event = run.awaitEnvelope(cancel, PaymentCancelled.class);
		assertThat(((PaymentCancelled) event.getEvent()).getReason())
			.isEqualTo(CancellationReason.MERCHANT_BEFORE_RESERVE);
		assertThat(event.getEventId()).isEqualTo(PaymentEventIds.ending(PaymentKey.of(MSN, orderId), Ending.CANCEL));
		assertThat(simulator.payment(MSN, orderId).orElseThrow().status()).isEqualTo(SimulatedPayment.Status.CANCELLED);
	}

	@Test
	void voidsAReservation() {
		String orderId = reserved(MSN, 20_000);
		PaymentCommand cancel = run.send(Commands.cancel(MSN, orderId, false));
		PaymentEvent event = run.awaitEnvelope(cancel, PaymentCancelled.class);
		assertThat(((PaymentCancelled) event.getEvent()).getReason()).isEqualTo(CancellationReason.MERCHANT_VOID);
		assertThat(event.getEventId()).isEqualTo(PaymentEventIds.ending(PaymentKey.of(MSN, orderId), Ending.VOID));
		assertThat(simulator.payment(MSN, orderId).orElseThrow().status()).isEqualTo(SimulatedPayment.Status.VOIDED);
	}

	@Test
	void releasesTheRestAfterAPartialCaptureOnlyWhenAskedTo() {
		String orderId = reserved(MSN, 20_000);
		run.awaitAnswer(run.send(Commands.capture(MSN, orderId, 5_000L)), PaymentCaptured.class);
		PaymentCommandFailed refused = run.awaitAnswer(run.send(Commands.cancel(MSN, orderId, false)),
				PaymentCommandFailed.class);
		assertThat(refused.getErrorCategory()).isEqualTo(ErrorCategory.PAYMENT);
		assertThat(refused.getErrorCode()).isEqualTo("51");
		assertThat(refused.getErrorGroup()).isEqualTo("Payment");
		assertThat(refused.getRetryable()).isFalse();
		PaymentCancelled released = run.awaitAnswer(run.send(Commands.cancel(MSN, orderId, true)),
				PaymentCancelled.class);
		assertThat(released.getReason()).isEqualTo(CancellationReason.RELEASED_REMAINING);
		SimulatedPayment payment = simulator.payment(MSN, orderId).orElseThrow();
		assertThat(payment.capturedAmount()).isEqualTo(5_000);
		assertThat(payment.remainingAmountToCapture()).isZero();
	}

	@Test
	void servesSeveralSalesUnitsWithTheirOwnKeysAndPartnerKeys() {
		String orderId = Commands.newOrderId();
		// The same orderId in two sales units is two payments.
		PaymentEvent own = run.awaitEnvelope(run.send(Commands.initiate(MSN, orderId, 10_000)), PaymentInitiated.class);
		PaymentEvent other = run.awaitEnvelope(
				run.send(Commands.initiate(CommandServiceRun.OTHER_MSN, orderId, 11_000)), PaymentInitiated.class);
		String partnerOrderId = Commands.newOrderId();
		PaymentEvent partner = run.awaitEnvelope(
				run.send(Commands.initiate(CommandServiceRun.PARTNER_MSN, partnerOrderId, 12_000)),
				PaymentInitiated.class);
		assertThat(List.of(own.getEventId(), other.getEventId(), partner.getEventId())).doesNotHaveDuplicates();
		assertThat(simulator.payment(CommandServiceRun.OTHER_MSN, orderId).orElseThrow().amount()).isEqualTo(11_000);
		assertThat(simulator.payment(CommandServiceRun.PARTNER_MSN, partnerOrderId)).isPresent();
		RecordedExchange partnerCall = onlyCall(RecordedExchange.Kind.INITIATE, partnerOrderId);
		assertThat(partnerCall.requestHeader("Merchant-Serial-Number")).isEqualTo(CommandServiceRun.PARTNER_MSN);
		assertThat(simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.ACCESS_TOKEN)
			.map((exchange) -> exchange.requestHeader("client_id") + "@"
					+ exchange.requestHeader("Merchant-Serial-Number")))
			.contains("client-id-1@" + MSN, "client-id-2@" + CommandServiceRun.OTHER_MSN,
					"partner-id@" + CommandServiceRun.PARTNER_MSN);
	}

	@Test
	void keepsEachPaymentsCommandsInOrderWhileItRunsPaymentsConcurrently() {
		simulator.faults().latency(SimulatedOperation.INITIATE, Duration.ofMillis(300), Duration.ofMillis(100));
		simulator.faults().latency(SimulatedOperation.CAPTURE, Duration.ofMillis(100), Duration.ofMillis(100));
		List<String> orders = new ArrayList<>();
		List<List<PaymentCommand>> sent = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String orderId = Commands.newOrderId();
			orders.add(orderId);
			// The captures arrive before the user approved: they wait for the
			// reservation, in order.
			sent.add(List.of(run.send(Commands.initiate(MSN, orderId, 10_000)),
					run.send(Commands.capture(MSN, orderId, 1_000L)), run.send(Commands.capture(MSN, orderId, 2_000L)),
					run.send(Commands.capture(MSN, orderId, 3_000L))));
		}
		for (List<PaymentCommand> commands : sent) {
			run.awaitAnswer(commands.get(0), PaymentInitiated.class);
			simulator.approve(MSN, commands.get(0).getOrderId());
		}
		for (int i = 0; i < orders.size(); i++) {
			List<PaymentCommand> commands = sent.get(i);
			run.awaitAnswer(commands.get(3), PaymentCaptured.class);
			assertThat(run.eventsOf(orders.get(i))).extracting(PaymentEvent::getCommandId)
				.containsExactly(commands.stream().map(PaymentCommand::getCommandId).toArray(String[]::new));
			List<RecordedExchange> captures = calls(RecordedExchange.Kind.CAPTURE, orders.get(i)).stream()
				.filter((call) -> call.status() == 200)
				.toList();
			assertThat(captures).extracting((call) -> call.requestHeader("X-Request-Id"))
				.containsExactly(commands.get(1).getCommandId(), commands.get(2).getCommandId(),
						commands.get(3).getCommandId());
			Instant initiatedAt = onlyCall(RecordedExchange.Kind.INITIATE, orders.get(i)).at();
			assertThat(calls(RecordedExchange.Kind.CAPTURE, orders.get(i)))
				.allSatisfy((capture) -> assertThat(capture.at()).isAfter(initiatedAt));
		}
		List<RecordedExchange> initiates = simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == RecordedExchange.Kind.INITIATE
					&& orders.contains(exchange.orderId()))
			.toList();
		assertThat(mostAtOnce(initiates)).as("initiates of different payments in flight at once").isGreaterThan(1);
	}

	@Test
	void delaysOnlyThePaymentVippsThrottlesHonouringRetryAfter() {
		String throttled = reserved(MSN, 10_000);
		List<String> others = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			others.add(reserved(MSN, 10_000));
		}
		simulator.faults().rateLimitNext(SimulatedOperation.CAPTURE, 1, Duration.ofSeconds(3));
		PaymentCommand slow = run.send(Commands.capture(MSN, throttled, null));
		RecordedExchange refused = await().atMost(CommandServiceRun.patience())
			.until(() -> calls(RecordedExchange.Kind.CAPTURE, throttled), (calls) -> !calls.isEmpty())
			.get(0);
		assertThat(refused.status()).isEqualTo(429);
		List<PaymentCommand> fast = others.stream()
			.map((orderId) -> run.send(Commands.capture(MSN, orderId, null)))
			.toList();
		PaymentEvent late = run.awaitEnvelope(slow, PaymentCaptured.class);
		for (PaymentCommand command : fast) {
			assertThat(run.awaitEnvelope(command, PaymentCaptured.class).getRecordedAt())
				.isBefore(late.getRecordedAt());
		}
		List<RecordedExchange> attempts = calls(RecordedExchange.Kind.CAPTURE, throttled);
		assertThat(attempts).hasSize(2);
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(attempts.get(1).requestHeader("X-Request-Id")).isEqualTo(slow.getCommandId());
	}

	@Test
	void reportsInvalidCommandsAsFailedInsteadOfDeadLetteringThem() {
		String orderId = Commands.newOrderId();
		PaymentCommand longId = Commands.initiate(MSN, orderId, 10_000);
		longId.setCommandId("c".repeat(41));
		PaymentCommand badOrderId = Commands.initiate(MSN, "order with spaces", 10_000);
		PaymentCommand tooSmall = Commands.initiate(MSN, Commands.newOrderId(), 50);
		PaymentCommand plainHttp = Commands.initiate(MSN, Commands.newOrderId(), 10_000);
		((InitiatePayment) plainHttp.getCommand()).setFallBack("http://shop.example.com/result");
		PaymentCommand expressWithoutShipping = Commands.expressWithStaticShipping(MSN, Commands.newOrderId(), 10_000);
		((InitiatePayment) expressWithoutShipping.getCommand()).setStaticShippingOptions(null);
		PaymentCommand wrongKey = Commands.initiate(MSN, Commands.newOrderId(), 10_000);
		run.send(longId);
		run.send(MSN + ":order with spaces", badOrderId);
		run.send(tooSmall);
		run.send(plainHttp);
		run.send(expressWithoutShipping);
		run.send(wrongKey.getOrderId(), wrongKey);
		for (PaymentCommand command : List.of(longId, badOrderId, tooSmall, plainHttp, expressWithoutShipping,
				wrongKey)) {
			PaymentCommandFailed failed = run.awaitAnswer(command, PaymentCommandFailed.class);
			assertThat(failed.getErrorCategory()).as(failed.getErrorMessage()).isEqualTo(ErrorCategory.VALIDATION);
			assertThat(failed.getRetryable()).isFalse();
			assertThat(failed.getPersonMustAct()).isTrue();
		}
		assertThat(run.awaitAnswer(tooSmall, PaymentCommandFailed.class).getErrorCode()).isEqualTo("amount");
		assertThat(run.awaitAnswer(plainHttp, PaymentCommandFailed.class).getErrorCode()).isEqualTo("fallBack");
		assertThat(run.awaitAnswer(longId, PaymentCommandFailed.class).getErrorMessage()).contains("commandId");
		PaymentEvent badIdentity = run.awaitEnvelope(badOrderId, PaymentCommandFailed.class);
		assertThat(badIdentity.getOrderId()).isEqualTo("order with spaces");
		assertThat(badIdentity.getEventId())
			.isEqualTo(PaymentEventIds.commandFailed(MSN, "order with spaces", badOrderId.getCommandId()));
		assertThat(simulator.payment(MSN, tooSmall.getOrderId())).isEmpty();
	}

	@Test
	void refusesToCaptureAPaymentWhoseInitiateFailedWithoutCallingVipps() {
		PaymentCommand initiate = run.send(Commands.initiate(MSN, Commands.newOrderId(), 50));
		run.awaitAnswer(initiate, PaymentCommandFailed.class);
		PaymentCommand capture = run.send(Commands.capture(MSN, initiate.getOrderId(), null));
		PaymentCommandFailed failed = run.awaitAnswer(capture, PaymentCommandFailed.class);
		assertThat(failed.getErrorCategory()).isEqualTo(ErrorCategory.VALIDATION);
		assertThat(failed.getErrorCode()).isEqualTo("NOT_INITIATED");
		assertThat(calls(RecordedExchange.Kind.CAPTURE, initiate.getOrderId())).isEmpty();
	}

	static String initiated(String msn, long amount) {
		String orderId = Commands.newOrderId();
		run.awaitAnswer(run.send(Commands.initiate(msn, orderId, amount)), PaymentInitiated.class);
		return orderId;
	}

	static String reserved(String msn, long amount) {
		String orderId = initiated(msn, amount);
		simulator.approve(msn, orderId);
		return orderId;
	}

	private static List<RecordedExchange> calls(RecordedExchange.Kind kind, String orderId) {
		return simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == kind && orderId.equals(exchange.orderId()))
			.toList();
	}

	private static RecordedExchange onlyCall(RecordedExchange.Kind kind, String orderId) {
		List<RecordedExchange> calls = calls(kind, orderId);
		assertThat(calls).hasSize(1);
		return calls.get(0);
	}

	private static JsonNode body(RecordedExchange exchange) {
		return VippsClient.createJsonMapper().readTree(exchange.requestBody());
	}

	private static int mostAtOnce(List<RecordedExchange> exchanges) {
		List<Instant[]> spans = exchanges.stream()
			.map((exchange) -> new Instant[] { exchange.at(), exchange.at().plus(exchange.latency()) })
			.sorted(Comparator.comparing((Instant[] span) -> span[0]))
			.toList();
		int most = 0;
		for (Instant[] span : spans) {
			int atOnce = (int) spans.stream()
				.filter((other) -> !other[0].isAfter(span[0]) && other[1].isAfter(span[0]))
				.count();
			most = Math.max(most, atOnce);
		}
		return most;
	}

}
