package com.example.payments.vipps.client;

import java.time.Duration;

import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionOperation;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of {@link VippsClient} against the real simulator over HTTP: the happy
 * paths, partial capture and refund bookkeeping, and the headers on the wire.
 *
 * @author vipps-client
 */
@RequiresVippsOpenApiSpec
class VippsClientOperationsIT {

	@RegisterExtension
	static final SimulatedVipps vipps = new SimulatedVipps();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void initiatesAPaymentAndReadsItsDetails() {
		String orderId = SimulatorFixtures.newOrderId();
		PaymentInitiationResponse initiated = SimulatorFixtures
			.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 20000)));
		assertThat(initiated.orderId()).isEqualTo(orderId);
		assertThat(initiated.url()).isNotBlank();
		PaymentDetails pending = vipps.client().details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(pending.orderId()).isEqualTo(orderId);
		assertThat(pending.transactionLogHistory()).extracting((entry) -> entry.operation())
			.containsExactly(TransactionOperation.INITIATE);
		assertThat(pending.transactionSummary()).as("absent until the user acts").isNull();
		vipps.sim().approve(SimulatorFixtures.MSN, orderId);
		PaymentDetails reserved = vipps.client().details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(reserved.transactionLogHistory().get(0).operation()).isEqualTo(TransactionOperation.RESERVE);
		assertThat(reserved.transactionLogHistory().get(0).operationSuccess()).isTrue();
		assertThat(reserved.transactionSummary().remainingAmountToCapture()).isEqualTo(20000);
	}

	@Test
	void capturesAndRefundsPartiallyWithCorrectBookkeeping() {
		String orderId = reservedPayment(SimulatorFixtures.MSN, 20000);
		String firstCapture = SimulatorFixtures.newRequestId();
		TransactionResponse captured = SimulatorFixtures.applied(vipps.client()
			.capture(orderId, firstCapture, PaymentActionsRequest.of(SimulatorFixtures.MSN, 15000L, "Shipped part 1")));
		assertThat(captured.transactionInfo().status()).isEqualTo("Captured");
		assertThat(captured.transactionInfo().amount()).isEqualTo(15000);
		assertThat(captured.transactionInfo().timeStamp()).isNotNull();
		assertThat(captured.transactionSummary().capturedAmount()).isEqualTo(15000);
		assertThat(captured.transactionSummary().remainingAmountToCapture()).isEqualTo(5000);
		TransactionResponse rest = SimulatorFixtures.applied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, null, "Shipped the rest")));
		assertThat(rest.transactionSummary().capturedAmount()).isEqualTo(20000);
		assertThat(rest.transactionSummary().remainingAmountToCapture()).isZero();
		RefundTransactionResponse refunded = SimulatorFixtures.applied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 5000L, "Returned one sock")));
		assertThat(refunded.transaction().status()).isEqualTo("Refund");
		assertThat(refunded.transaction().amount()).isEqualTo(5000);
		assertThat(refunded.transactionSummary().refundedAmount()).isEqualTo(5000);
		assertThat(refunded.transactionSummary().remainingAmountToRefund()).isEqualTo(15000);
		SimulatorFixtures.applied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, null, "Returned the rest")));
		SimulatedPayment truth = vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow();
		assertThat(truth.status()).isEqualTo(SimulatedPayment.Status.REFUNDED);
		assertThat(truth.capturedAmount()).isEqualTo(20000);
		assertThat(truth.refundedAmount()).isEqualTo(20000);
		PaymentDetails details = vipps.client().details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		assertThat(details.transactionLogHistory()).extracting((entry) -> entry.operation())
			.containsExactly(TransactionOperation.REFUND, TransactionOperation.REFUND, TransactionOperation.CAPTURE,
					TransactionOperation.CAPTURE, TransactionOperation.RESERVE, TransactionOperation.INITIATE);
		assertThat(details.transactionLogHistory().get(3).requestId()).isEqualTo(firstCapture);
	}

	@Test
	void cancelsAReservationAsVoid() {
		String orderId = reservedPayment(SimulatorFixtures.MSN, 10000);
		CancelTransactionResponse cancelled = SimulatorFixtures
			.applied(vipps.client().cancel(orderId, CancelPaymentRequest.of(SimulatorFixtures.MSN, "Out of stock")));
		assertThat(cancelled.transactionInfo().status()).isEqualTo("Cancelled");
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().status())
			.isEqualTo(SimulatedPayment.Status.VOIDED);
	}

	@Test
	void cancelsAPendingPayment() {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures
			.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
		SimulatorFixtures
			.applied(vipps.client().cancel(orderId, CancelPaymentRequest.of(SimulatorFixtures.MSN, "Customer left")));
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().status())
			.isEqualTo(SimulatedPayment.Status.CANCELLED);
	}

	@Test
	void releasesTheRemainingFundsAfterAPartialCapture() {
		String orderId = reservedPayment(SimulatorFixtures.MSN, 10000);
		SimulatorFixtures.applied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 4000L, "Shipped part")));
		CancelTransactionResponse released = SimulatorFixtures.applied(vipps.client()
			.cancel(orderId,
					CancelPaymentRequest.releasingRemainingFunds(SimulatorFixtures.MSN, "Rest not available")));
		assertThat(released.transactionSummary().capturedAmount()).isEqualTo(4000);
		assertThat(released.transactionSummary().remainingAmountToCapture()).isZero();
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().remainingAmountToCapture())
			.isZero();
	}

	@Test
	void readsDirectCaptureSalesFromDetails() {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client()
			.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.DIRECT_CAPTURE_MSN, orderId, 30000)));
		vipps.sim().approve(SimulatorFixtures.DIRECT_CAPTURE_MSN, orderId);
		PaymentDetails details = vipps.client().details(SimulatorFixtures.DIRECT_CAPTURE_MSN, orderId).block(TIMEOUT);
		assertThat(details.transactionLogHistory().get(0).operation()).isEqualTo(TransactionOperation.SALE);
		assertThat(details.transactionSummary().capturedAmount()).isEqualTo(30000);
		SimulatorFixtures.applied(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.DIRECT_CAPTURE_MSN, 30000L, "Refund")));
		assertThat(vipps.sim().payment(SimulatorFixtures.DIRECT_CAPTURE_MSN, orderId).orElseThrow().refundedAmount())
			.isEqualTo(30000);
	}

	@Test
	void actsForAPartnersMerchantWithPartnerKeys() {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client()
			.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.PARTNER_MSN, orderId, 10000)));
		vipps.sim().approve(SimulatorFixtures.PARTNER_MSN, orderId);
		SimulatorFixtures.applied(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.PARTNER_MSN, null, "Shipped")));
		assertThat(vipps.sim().payment(SimulatorFixtures.PARTNER_MSN, orderId).orElseThrow().capturedAmount())
			.isEqualTo(10000);
		RecordedExchange token = SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN)
			.stream()
			.filter((exchange) -> "partner-id".equals(exchange.requestHeader("client_id")))
			.findFirst()
			.orElseThrow();
		assertThat(token.requestHeader("Merchant-Serial-Number")).isEqualTo(SimulatorFixtures.PARTNER_MSN);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)
			.get(0)
			.requestHeader("Ocp-Apim-Subscription-Key")).isEqualTo("partner-key");
	}

	@Test
	void sendsTheVippsHeadersOnEveryCallAndRequestIdsOnlyOnCaptureAndRefund() {
		String captureId = SimulatorFixtures.newRequestId();
		String refundId = SimulatorFixtures.newRequestId();
		String orderId = SimulatorFixtures.newOrderId();
		try (VippsClient fresh = SimulatorFixtures.client(vipps.sim(), new SimpleMeterRegistry())) {
			SimulatorFixtures
				.applied(fresh.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 20000)));
			vipps.sim().approve(SimulatorFixtures.MSN, orderId);
			SimulatorFixtures.applied(fresh.capture(orderId, captureId,
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 10000L, "Shipped")));
			SimulatorFixtures.applied(
					fresh.cancel(orderId, CancelPaymentRequest.releasingRemainingFunds(SimulatorFixtures.MSN, "Done")));
			SimulatorFixtures.applied(
					fresh.refund(orderId, refundId, PaymentActionsRequest.of(SimulatorFixtures.MSN, 1000L, "Refund")));
			fresh.details(SimulatorFixtures.MSN, orderId).block(TIMEOUT);
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN)).hasSize(1);
		for (RecordedExchange exchange : vipps.sim().exchanges()) {
			if (exchange.outbound()) {
				continue;
			}
			assertThat(exchange.requestHeader("Vipps-System-Name")).as(exchange.kind().name()).isEqualTo("acme");
			assertThat(exchange.requestHeader("Vipps-System-Version")).isEqualTo("1.2.3");
			assertThat(exchange.requestHeader("Vipps-System-Plugin-Name")).isEqualTo("acme-vipps-client");
			assertThat(exchange.requestHeader("Vipps-System-Plugin-Version")).isEqualTo("0.1.0");
			assertThat(exchange.requestHeader("Merchant-Serial-Number")).isEqualTo(SimulatorFixtures.MSN);
			assertThat(exchange.requestHeader("Ocp-Apim-Subscription-Key")).isEqualTo("subscription-key-1");
			switch (exchange.kind()) {
				case ACCESS_TOKEN -> {
					assertThat(exchange.requestHeader("client_id")).isEqualTo("client-id");
					assertThat(exchange.requestHeader("Authorization")).isNull();
				}
				case CAPTURE -> assertThat(exchange.requestHeader("X-Request-Id")).isEqualTo(captureId);
				case REFUND -> assertThat(exchange.requestHeader("X-Request-Id")).isEqualTo(refundId);
				default -> {
					assertThat(exchange.requestHeader("X-Request-Id")).isNull();
					assertThat(exchange.requestHeader("Authorization")).startsWith("Bearer ");
				}
			}
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.INITIATE)).hasSize(1);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL)).hasSize(1);
	}

	@Test
	void acceptsLocalHttpCallbackUrlsOnlyWhenConfiguredTo() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (VippsClient local = VippsClient
			.create(SimulatorFixtures.config(vipps.sim()).allowInsecureLocalUrls(true).build(), registry)) {
			String orderId = SimulatorFixtures.newOrderId();
			InitiatePaymentRequest request = new InitiatePaymentRequest(null,
					MerchantInfo.regular(SimulatorFixtures.MSN, "http://127.0.0.1:9/vipps", "http://localhost:9/result",
							null),
					SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000).transaction());
			assertThat(SimulatorFixtures.applied(local.initiate(request)).orderId()).isEqualTo(orderId);
		}
	}

	private static String reservedPayment(String msn, long amount) {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(msn, orderId, amount)));
		vipps.sim().approve(msn, orderId);
		return orderId;
	}

}
