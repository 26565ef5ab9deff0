package com.example.payments.vipps.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsAuthenticationException;
import com.example.payments.vipps.client.error.VippsInternalException;
import com.example.payments.vipps.client.error.VippsMerchantException;
import com.example.payments.vipps.client.error.VippsPaymentException;
import com.example.payments.vipps.client.error.VippsTransportException;
import com.example.payments.vipps.client.error.VippsValidationException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.contract.RequiresVippsOpenApiSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every error class, driven by the simulator's real behaviour and its fault injection.
 *
 * @author vipps-client
 */
@RequiresVippsOpenApiSpec
class VippsClientErrorsIT {

	@RegisterExtension
	static final SimulatedVipps vipps = new SimulatedVipps();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void rejectsADuplicateOrderIdAsAFinalMerchantError() {
		String orderId = SimulatorFixtures.newOrderId();
		vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)).block(TIMEOUT);
		VippsApiException duplicate = failure(
				vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
		assertThat(duplicate).isInstanceOf(VippsMerchantException.class);
		assertThat(duplicate.is("Merchant", "34")).isTrue();
		assertThat(duplicate.retryable()).isFalse();
		assertThat(duplicate.operation()).isEqualTo(VippsOperation.INITIATE);
		assertThat(duplicate.msn()).isEqualTo(SimulatorFixtures.MSN);
		assertThat(duplicate.orderId()).isEqualTo(orderId);
		assertThat(duplicate.httpStatus()).isBetween(400, 499);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.INITIATE, orderId)).hasSize(2);
	}

	@Test
	void rejectsACaptureAboveTheReservedAmount() {
		String orderId = reservedPayment(10000);
		VippsApiException exception = failure(vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 10100L, "Too much")));
		assertThat(exception).isInstanceOf(VippsPaymentException.class);
		assertThat(exception.is("Payment", "61")).isTrue();
		assertThat(exception.httpStatus()).isEqualTo(400);
		assertThat(exception.retryable()).isFalse();
		assertThat(exception.contextId()).isNotBlank();
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CAPTURE, orderId)).as("not retried").hasSize(1);
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().capturedAmount()).isZero();
	}

	@Test
	void rejectsARefundAboveTheCapturedAmount() {
		String orderId = reservedPayment(10000);
		vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 5000L, "Shipped"))
			.block(TIMEOUT);
		VippsApiException exception = failure(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 6000L, "Too much")));
		assertThat(exception).isInstanceOf(VippsPaymentException.class);
		assertThat(exception.is("Payment", "71")).isTrue();
		assertThat(exception.retryable()).isFalse();
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().refundedAmount()).isZero();
	}

	@Test
	void rejectsACancelAfterCaptureWithoutRelease() {
		String orderId = reservedPayment(10000);
		vipps.client()
			.capture(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, null, "Shipped"))
			.block(TIMEOUT);
		VippsApiException exception = failure(
				vipps.client().cancel(orderId, CancelPaymentRequest.of(SimulatorFixtures.MSN, "Too late")));
		assertThat(exception).isInstanceOf(VippsPaymentException.class);
		assertThat(exception.is("Payment", "51")).isTrue();
		assertThat(exception.retryable()).isFalse();
	}

	@Test
	void reportsAnUnknownOrderAsMerchantError35() {
		VippsApiException exception = failure(
				vipps.client().details(SimulatorFixtures.MSN, "no-such-order-" + SimulatorFixtures.newOrderId()));
		assertThat(exception).isInstanceOf(VippsMerchantException.class);
		assertThat(exception.is("Merchant", "35")).isTrue();
		assertThat(exception.httpStatus()).isEqualTo(404);
		assertThat(exception.retryable()).isFalse();
	}

	@Test
	void reportsWrongCredentialsAsAuthenticationFailureOfTheTokenFetch() {
		VippsClientConfig config = VippsClientConfig.builder(vipps.sim().baseUrl(), SimulatorFixtures.SYSTEM)
			.merchant(SimulatorFixtures.MSN, new VippsCredentials("client-id", "wrong-secret", "subscription-key-1"))
			.retry(SimulatorFixtures.FAST_RETRIES)
			.build();
		try (VippsClient wrong = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsApiException exception = failure(wrong.details(SimulatorFixtures.MSN, SimulatorFixtures.newOrderId()));
			assertThat(exception).isInstanceOf(VippsAuthenticationException.class);
			assertThat(exception.operation()).isEqualTo(VippsOperation.ACCESS_TOKEN);
			assertThat(exception.httpStatus()).isEqualTo(401);
			assertThat(exception.retryable()).isFalse();
			assertThat(exception.getMessage()).doesNotContain("wrong-secret");
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN)).as("not retried").hasSize(1);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS)).as("never sent without a token").isEmpty();
	}

	@Test
	void reportsPartnerKeysUsedForAForeignMsnAsFinal() {
		// SimulatorFixtures.FOREIGN_MSN has no own keys configured in the client, so the
		// partner keys are
		// used;
		// the partner is not linked to it.
		VippsApiException exception = failure(
				vipps.client().details(SimulatorFixtures.FOREIGN_MSN, SimulatorFixtures.newOrderId()));
		assertThat(exception).isInstanceOf(VippsMerchantException.class);
		assertThat(exception.httpStatus()).isEqualTo(403);
		assertThat(exception.errorMessage()).contains("Invalid MSN");
		assertThat(exception.retryable()).isFalse();
	}

	@Test
	void refusesAnMsnWithoutCredentialsWithoutCallingVipps() {
		VippsClientConfig config = VippsClientConfig.builder(vipps.sim().baseUrl(), SimulatorFixtures.SYSTEM)
			.merchant(SimulatorFixtures.MSN, SimulatorFixtures.MERCHANT_KEYS)
			.build();
		try (VippsClient ownKeysOnly = VippsClient.create(config, new SimpleMeterRegistry())) {
			VippsApiException exception = failure(
					ownKeysOnly.details(SimulatorFixtures.FOREIGN_MSN, SimulatorFixtures.newOrderId()));
			assertThat(exception).isInstanceOf(VippsValidationException.class);
			assertThat(exception.errorCode()).isEqualTo("merchantSerialNumber");
		}
		assertThat(vipps.sim().exchanges()).isEmpty();
	}

	@Test
	void validatesRequestsBeforeAnythingReachesVipps() {
		String orderId = SimulatorFixtures.newOrderId();
		assertThat(
				failure(vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 99))))
			.isInstanceOf(VippsValidationException.class);
		assertThat(failure(
				vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, "bad_order_id", 10000)))
			.errorCode()).isEqualTo("orderId");
		assertThat(
				failure(vipps.client().initiate(SimulatorFixtures.regularPayment("1234", orderId, 10000))).errorCode())
			.isEqualTo("merchantSerialNumber");
		assertThat(failure(vipps.client()
			.capture(orderId, "x".repeat(41), PaymentActionsRequest.of(SimulatorFixtures.MSN, 100L, "Shipped")))
			.errorCode()).isEqualTo("X-Request-Id");
		assertThat(failure(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 100L, "x".repeat(101))))
			.errorCode()).isEqualTo("transactionText");
		assertThat(failure(vipps.client().cancel(orderId, CancelPaymentRequest.of("12345678", "Cancel"))).errorCode())
			.isEqualTo("merchantSerialNumber");
		InitiatePaymentRequest localCallback = new InitiatePaymentRequest(null,
				MerchantInfo.regular(SimulatorFixtures.MSN, "http://localhost/cb", SimulatorFixtures.FALLBACK, null),
				SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000).transaction());
		assertThat(failure(vipps.client().initiate(localCallback)).errorCode()).isEqualTo("callbackPrefix");
		assertThat(vipps.sim().exchanges()).as("no request reached the simulator").isEmpty();
	}

	@Test
	void doesNotResendAnInitiateAnsweredWithServerError() {
		vipps.client().details(SimulatorFixtures.MSN, reservedPayment(10000)).block(TIMEOUT);
		vipps.sim().faults().failNext(SimulatedOperation.INITIATE, 1, 500);
		String orderId = SimulatorFixtures.newOrderId();
		VippsApiException exception = failure(
				vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000)));
		assertThat(exception).isInstanceOf(VippsInternalException.class);
		assertThat(exception.retryable()).as("transient, but initiate is not idempotent").isTrue();
		assertThat(exception.is("VippsError", "99")).isTrue();
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.INITIATE, orderId)).hasSize(1);
	}

	@Test
	void doesNotResendACancelAnsweredWithServerError() {
		String orderId = reservedPayment(10000);
		vipps.sim().faults().failNext(SimulatedOperation.CANCEL, 1, 503);
		VippsApiException exception = failure(
				vipps.client().cancel(orderId, CancelPaymentRequest.of(SimulatorFixtures.MSN, "Cancel")));
		assertThat(exception).isInstanceOf(VippsInternalException.class);
		assertThat(exception.httpStatus()).isEqualTo(503);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.CANCEL, orderId)).hasSize(1);
		assertThat(vipps.sim().payment(SimulatorFixtures.MSN, orderId).orElseThrow().status().name())
			.isEqualTo("RESERVED");
	}

	@Test
	void givesUpOnPersistentServerErrorsAfterMaxAttempts() {
		String orderId = reservedPayment(10000);
		vipps.sim().faults().failNext(SimulatedOperation.DETAILS, 5, 502);
		VippsApiException exception = failure(vipps.client().details(SimulatorFixtures.MSN, orderId));
		assertThat(exception).isInstanceOf(VippsInternalException.class);
		assertThat(exception.httpStatus()).isEqualTo(502);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS, orderId))
			.hasSize(SimulatorFixtures.FAST_RETRIES.maxAttempts());
	}

	@Test
	void reportsAnUnreachableVippsAsTransportFailureWithoutSending() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		VippsClientConfig config = VippsClientConfig.builder("http://127.0.0.1:" + closedPort, SimulatorFixtures.SYSTEM)
			.merchant(SimulatorFixtures.MSN, SimulatorFixtures.MERCHANT_KEYS)
			.retry(SimulatorFixtures.FAST_RETRIES)
			.build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (VippsClient unreachable = VippsClient.create(config, registry)) {
			VippsApiException exception = failure(unreachable.initiate(
					SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, SimulatorFixtures.newOrderId(), 10000)));
			assertThat(exception).isInstanceOfSatisfying(VippsTransportException.class,
					(transport) -> assertThat(transport.requestSent()).isFalse());
			assertThat(exception.retryable()).isTrue();
		}
		assertThat(registry.get("vipps.api.requests").tag("outcome", "transport").timer().count())
			.as("the token fetch before initiate was retried: nothing was sent")
			.isEqualTo(SimulatorFixtures.FAST_RETRIES.maxAttempts().longValue());
	}

	private static VippsApiException failure(Mono<?> call) {
		Throwable[] error = new Throwable[1];
		assertThatThrownBy(() -> call.block(TIMEOUT)).satisfies((thrown) -> error[0] = thrown);
		assertThat(error[0]).isInstanceOf(VippsApiException.class);
		return (VippsApiException) error[0];
	}

	private static String reservedPayment(long amount) {
		String orderId = SimulatorFixtures.newOrderId();
		vipps.client()
			.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, amount))
			.block(TIMEOUT);
		vipps.sim().approve(SimulatorFixtures.MSN, orderId);
		return orderId;
	}

}
