package com.example.payments.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.payments.facts.AnswerFacts;
import com.example.payments.facts.CallbackFacts;
import com.example.payments.facts.CommandAnswerFacts;
import com.example.payments.facts.DetailsFacts;
import com.example.payments.facts.KnownFacts;
import com.example.payments.facts.PaymentFact;
import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.CommandType;
import com.example.payments.schema.common.PaymentType;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.OccurredAtOrigin;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentOutcomeUnknown;
import com.example.payments.schema.event.PaymentState;
import com.example.payments.schema.event.UnresolvedReason;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsClientConfig;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.VippsSystemInfo;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CustomerInfo;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.ShippingDetails;
import com.example.payments.vipps.simulator.VippsSimulator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order system, the command service and the ingest service as they will publish, for
 * reconciliation's tests (the real services are built elsewhere): commands go to the
 * commands topic; our calls to the simulator, and the callbacks it sends, become events
 * through the {@code payment-facts} mappers, with the ids those services will give them.
 * Every send waits for the broker's acknowledgement, as the services do before they
 * answer.
 */
final class StandInServices implements AutoCloseable {

	/** The plugin name of the stand-in's Vipps calls, to tell them from the service's. */
	static final String PLUGIN_NAME = "stand-in-services";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final KafkaProducer<String, Object> producer;

	private final VippsSimulator simulator;

	private final VippsClient vipps;

	private final String eventsTopic;

	private final String commandsTopic;

	private final HttpServer callbacks;

	private final ExecutorService callbackThreads = Executors.newFixedThreadPool(4);

	StandInServices(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator, String eventsTopic,
			String commandsTopic) {
		this(kafka, kafka.schemaRegistryUrl(), simulator, eventsTopic, commandsTopic);
	}

	StandInServices(KafkaTestEnvironment.Environment kafka, String registryUrl, VippsSimulator simulator,
			String eventsTopic, String commandsTopic) {
		Map<String, Object> producerProperties = kafka.avroProducerProperties();
		producerProperties.put("schema.registry.url", registryUrl);
		this.producer = new KafkaProducer<>(producerProperties);
		this.simulator = simulator;
		this.eventsTopic = eventsTopic;
		this.commandsTopic = commandsTopic;
		this.vipps = VippsClient.create(VippsClientConfig
			.builder(simulator.baseUrl(), new VippsSystemInfo("acme", "1.0.0", PLUGIN_NAME, "0.1.0"))
			.partner(ReconciliationHarness.PARTNER)
			.allowInsecureLocalUrls(true)
			.readTimeout(Duration.ofSeconds(5))
			.build(), new SimpleMeterRegistry());
		try {
			this.callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.callbacks.createContext("/", this::callback);
		this.callbacks.setExecutor(this.callbackThreads);
		this.callbacks.start();
	}

	Payment payment(String msn, String orderId) {
		return new Payment(PaymentKey.of(msn, orderId));
	}

	/**
	 * The ingest service: a callback becomes events before Vipps gets its 200.
	 */
	private void callback(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			TransactionUpdateCallback callback = TransactionUpdateCallback.parse(body.readAllBytes());
			for (PaymentFact fact : CallbackFacts.of(callback, Instant.now())) {
				publish(fact, EventSource.CALLBACK);
			}
			exchange.sendResponseHeaders(200, -1);
		}
		finally {
			exchange.close();
		}
	}

	void publish(PaymentFact fact, EventSource source) {
		send(this.eventsTopic, fact.payment(), fact.toEvent(source, Instant.now()));
	}

	private void send(String topic, PaymentKey key, Object value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key.asString(), value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not publish to " + topic, ex.getCause());
		}
	}

	@Override
	public void close() {
		this.callbacks.stop(0);
		this.callbackThreads.shutdownNow();
		this.vipps.close();
		this.producer.close();
	}

	/**
	 * One payment, driven as the order system, the user and the merchant portal would.
	 */
	final class Payment {

		private final PaymentKey key;

		Payment(PaymentKey key) {
			this.key = key;
		}

		PaymentKey key() {
			return this.key;
		}

		String msn() {
			return this.key.merchantSerialNumber();
		}

		String orderId() {
			return this.key.orderId();
		}

		// ---- the order system and the command service ---------------------------------

		Payment initiate(long amount) {
			return initiate(amount, PaymentType.REGULAR, null);
		}

		Payment initiateWithScope(long amount) {
			return initiate(amount, PaymentType.REGULAR, "name email");
		}

		Payment initiateExpress(long amount) {
			return initiate(amount, PaymentType.EXPRESS, null);
		}

		private Payment initiate(long amount, PaymentType type, String scope) {
			PaymentCommand command = command(InitiatePayment.newBuilder()
				.setAmount(amount)
				.setTransactionText("Socks")
				.setFallBack("https://shop.example.com/result/" + orderId())
				.setPaymentType(type)
				.setScope(scope)
				.build());
			String prefix = "http://127.0.0.1:" + StandInServices.this.callbacks.getAddress().getPort() + "/vipps";
			String fallBack = "https://shop.example.com/result/" + orderId();
			MerchantInfo merchant = (type == PaymentType.EXPRESS)
					? new MerchantInfo(msn(), prefix, fallBack, "auth-" + orderId(), prefix + "/consents", null,
							List.of(ShippingDetails.ofOre(true, 1, 9900, "Posten Servicepakke", "posten"),
									ShippingDetails.ofOre(false, 2, 14950, "Home delivery", "home")),
							com.example.payments.vipps.client.model.PaymentType.EXPRESS, null)
					: MerchantInfo.regular(msn(), prefix, fallBack, "auth-" + orderId());
			PaymentInitiationResponse answer = applied(
					StandInServices.this.vipps.initiate(new InitiatePaymentRequest(CustomerInfo.unknown(), merchant,
							new InitiateTransaction(orderId(), amount, "Socks", null, scope, null))));
			publish(CommandAnswerFacts.initiated(command, answer, Instant.now()), EventSource.COMMAND);
			return this;
		}

		Payment capture(Long amount) {
			return answer(captureAtVipps(amount));
		}

		Payment refund(Long amount) {
			PaymentCommand command = command(
					RefundPayment.newBuilder().setAmount(amount).setTransactionText("Returned").build());
			return answer(new Applied(command,
					CommandAnswerFacts.refunded(command, applied(StandInServices.this.vipps.refund(orderId(),
							command.getCommandId(), PaymentActionsRequest.of(msn(), amount, "Returned"))),
							Instant.now())));
		}

		Payment cancel(boolean releaseRemaining) {
			PaymentCommand command = command(CancelPayment.newBuilder()
				.setTransactionText("Not shipping")
				.setShouldReleaseRemainingFunds(releaseRemaining)
				.build());
			return answer(new Applied(command,
					CommandAnswerFacts.cancelled(command,
							applied(StandInServices.this.vipps.cancel(orderId(),
									releaseRemaining
											? CancelPaymentRequest.releasingRemainingFunds(msn(), "Not shipping")
											: CancelPaymentRequest.of(msn(), "Not shipping"))),
							Instant.now())));
		}

		/**
		 * A capture Vipps applied whose answer the command service has not published yet
		 * (it is slow, or about to crash).
		 * @param amount øre, or {@code null} for the rest
		 * @return the applied command, to answer later
		 */
		Applied captureAtVipps(Long amount) {
			PaymentCommand command = command(
					CapturePayment.newBuilder().setAmount(amount).setTransactionText("Shipped").build());
			return new Applied(command,
					CommandAnswerFacts.captured(command, applied(StandInServices.this.vipps.capture(orderId(),
							command.getCommandId(), PaymentActionsRequest.of(msn(), amount, "Shipped"))),
							Instant.now()));
		}

		/**
		 * The command service publishes its answer to an applied command (reading
		 * {@code /details} when the answer is too lean, as it will).
		 * @param applied the command and Vipps' answer
		 * @return this payment
		 */
		Payment answer(Applied applied) {
			PaymentFact fact;
			if (applied.answer() instanceof AnswerFacts.Known known) {
				fact = known.fact();
			}
			else {
				KnownFacts pending = KnownFacts.forPayment(this.key).pending(applied.command()).build();
				fact = DetailsFacts
					.read(StandInServices.this.vipps.details(msn(), orderId()).block(TIMEOUT), pending, Instant.now())
					.outcomeOf(applied.command().getCommandId())
					.orElseThrow()
					.fact();
			}
			publish(fact, EventSource.COMMAND);
			return this;
		}

		/**
		 * The command service lost Vipps' answer to an applied command and hands its
		 * outcome over: {@code PaymentOutcomeUnknown} with the command's id.
		 * @param applied the command
		 * @return this payment
		 */
		Payment outcomeUnknown(Applied applied) {
			PaymentOutcomeUnknown unknown = PaymentOutcomeUnknown.newBuilder()
				.setLastKnownState(PaymentState.RESERVED)
				.setReason(UnresolvedReason.COMMAND_OUTCOME_UNCLEAR)
				.setDetail("read timeout")
				.setPendingCommandType(CommandType.CAPTURE)
				.setAttempts(0)
				.setFirstCheckedAt(null)
				.setLastCheckedAt(null)
				.build();
			String commandId = applied.command().getCommandId();
			send(StandInServices.this.eventsTopic, this.key,
					PaymentEvent.newBuilder()
						.setEventId(PaymentEventIds.outcomeUnknown(this.key, commandId))
						.setMerchantSerialNumber(msn())
						.setOrderId(orderId())
						.setOccurredAt(Instant.now())
						.setOccurredAtOrigin(OccurredAtOrigin.LEARNED)
						.setRecordedAt(Instant.now())
						.setSource(EventSource.COMMAND)
						.setCommandId(commandId)
						.setEvent(unknown)
						.build());
			return this;
		}

		private PaymentCommand command(Object body) {
			PaymentCommand command = PaymentCommand.newBuilder()
				.setCommandId(UUID.randomUUID().toString())
				.setMerchantSerialNumber(msn())
				.setOrderId(orderId())
				.setIssuedAt(Instant.now())
				.setCommand(body)
				.build();
			send(StandInServices.this.commandsTopic, this.key, command);
			return command;
		}

		private <T> T applied(Mono<VippsOutcome<T>> call) {
			VippsOutcome<T> outcome = call.block(TIMEOUT);
			assertThat(outcome).as("%s outcome", orderId()).isInstanceOf(VippsOutcome.Applied.class);
			return ((VippsOutcome.Applied<T>) outcome).response();
		}

		// ---- the user and the merchant portal
		// -------------------------------------------

		Payment approve() {
			StandInServices.this.simulator.approve(msn(), orderId());
			return this;
		}

		Payment approveExpress() {
			StandInServices.this.simulator.approveExpress(msn(), orderId());
			return this;
		}

		Payment reject() {
			StandInServices.this.simulator.reject(msn(), orderId());
			return this;
		}

		Payment timeOut() {
			StandInServices.this.simulator.timeOut(msn(), orderId());
			return this;
		}

		Payment failReservation() {
			StandInServices.this.simulator.failReservation(msn(), orderId());
			return this;
		}

		Payment portalCapture(Long amount) {
			StandInServices.this.simulator.portalCapture(msn(), orderId(), amount);
			return this;
		}

		Payment portalRefund(Long amount) {
			StandInServices.this.simulator.portalRefund(msn(), orderId(), amount);
			return this;
		}

	}

	/**
	 * A command Vipps applied, with what its answer establishes.
	 *
	 * @param command the command
	 * @param answer the fact, or that {@code /details} must tell
	 */
	record Applied(PaymentCommand command, AnswerFacts answer) {

	}

}
