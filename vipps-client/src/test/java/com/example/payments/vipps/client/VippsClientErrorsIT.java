package com.example.payments.vipps.client;

import java.time.Duration;

import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsAuthenticationException;
import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsInternalException;
import com.example.payments.vipps.client.error.VippsMerchantException;
import com.example.payments.vipps.client.error.VippsNextStep;
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
 * How {@link VippsClient#details} fails (it signals a {@link VippsApiException}), and
 * what the client refuses to send at all. The outcomes of the mutating calls are in
 * {@link VippsOutcomeTableIT}.
 *
 * @author vipps-client
 */
@RequiresVippsOpenApiSpec
class VippsClientErrorsIT {

	@RegisterExtension
	static final SimulatedVipps vipps = new SimulatedVipps();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void reportsAnUnknownOrderInDetailsAsMerchantError35() {
		VippsApiException exception = failure(
				vipps.client().details(SimulatorFixtures.MSN, "no-such-order-" + SimulatorFixtures.newOrderId()));
		assertThat(exception).isInstanceOf(VippsMerchantException.class);
		assertThat(exception.is("Merchant", "35")).isTrue();
		assertThat(exception.httpStatus()).isEqualTo(404);
		assertThat(exception.classification().category()).isEqualTo(VippsErrorCategory.MERCHANT);
		assertThat(exception.classification().mayHaveBeenApplied()).isFalse();
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
			assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
			assertThat(exception.classification().personMustAct()).isTrue();
			assertThat(exception.getMessage()).doesNotContain("wrong-secret");
		}
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.ACCESS_TOKEN)).as("not retried").hasSize(1);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS)).as("never sent without a token").isEmpty();
	}

	@Test
	void reportsPartnerKeysUsedForAForeignMsnAsFinal() {
		// FOREIGN_MSN has no own keys in the client, so the partner keys are used; the
		// partner is not linked to it.
		VippsApiException exception = failure(
				vipps.client().details(SimulatorFixtures.FOREIGN_MSN, SimulatorFixtures.newOrderId()));
		assertThat(exception).isInstanceOf(VippsMerchantException.class);
		assertThat(exception.httpStatus()).isEqualTo(403);
		assertThat(exception.errorMessage()).contains("Invalid MSN");
		assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
	}

	@Test
	void givesUpOnPersistentServerErrorsInDetailsAfterMaxAttempts() {
		String orderId = reservedPayment(10000);
		vipps.sim().faults().failNext(SimulatedOperation.DETAILS, 5, 502);
		VippsApiException exception = failure(vipps.client().details(SimulatorFixtures.MSN, orderId));
		assertThat(exception).isInstanceOf(VippsInternalException.class);
		assertThat(exception.httpStatus()).isEqualTo(502);
		assertThat(exception.classification().mayHaveBeenApplied()).as("a read changes nothing").isFalse();
		assertThat(exception.classification().nextStep()).as("read again later")
			.isEqualTo(VippsNextStep.RETRY_SAME_KEY);
		assertThat(SimulatorFixtures.apiCalls(vipps.sim(), Kind.DETAILS, orderId))
			.hasSize(SimulatorFixtures.FAST_RETRIES.maxAttempts());
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
			assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
		}
		assertThat(vipps.sim().exchanges()).isEmpty();
	}

	@Test
	void validatesRequestsBeforeAnythingReachesVipps() {
		String orderId = SimulatorFixtures.newOrderId();
		assertThat(rejectedField(
				vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 99))))
			.isEqualTo("amount");
		assertThat(rejectedField(vipps.client()
			.initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, "bad_order_id", 10000))))
			.isEqualTo("orderId");
		assertThat(rejectedField(vipps.client().initiate(SimulatorFixtures.regularPayment("1234", orderId, 10000))))
			.isEqualTo("merchantSerialNumber");
		assertThat(rejectedField(vipps.client()
			.capture(orderId, "x".repeat(41), PaymentActionsRequest.of(SimulatorFixtures.MSN, 100L, "Shipped"))))
			.isEqualTo("X-Request-Id");
		assertThat(rejectedField(vipps.client()
			.refund(orderId, SimulatorFixtures.newRequestId(),
					PaymentActionsRequest.of(SimulatorFixtures.MSN, 100L, "x".repeat(101)))))
			.isEqualTo("transactionText");
		assertThat(rejectedField(vipps.client().cancel(orderId, CancelPaymentRequest.of("12345678", "Cancel"))))
			.isEqualTo("merchantSerialNumber");
		InitiatePaymentRequest localCallback = new InitiatePaymentRequest(null,
				MerchantInfo.regular(SimulatorFixtures.MSN, "http://localhost/cb", SimulatorFixtures.FALLBACK, null),
				SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, 10000).transaction());
		assertThat(rejectedField(vipps.client().initiate(localCallback))).isEqualTo("callbackPrefix");
		assertThat(failure(vipps.client().details(SimulatorFixtures.MSN, "bad_order_id")))
			.isInstanceOf(VippsValidationException.class);
		assertThat(vipps.sim().exchanges()).as("no request reached the simulator").isEmpty();
	}

	private static <T> String rejectedField(Mono<VippsOutcome<T>> call) {
		VippsOutcome.NotApplied<T> notApplied = SimulatorFixtures.notApplied(call);
		assertThat(notApplied.category()).isEqualTo(VippsErrorCategory.VALIDATION);
		assertThat(notApplied.nextStep()).isEqualTo(VippsNextStep.FIX_REQUEST);
		assertThat(notApplied.failure().httpStatus()).as("nothing sent").isZero();
		return notApplied.failure().errorCode();
	}

	private static VippsApiException failure(Mono<?> call) {
		Throwable[] error = new Throwable[1];
		assertThatThrownBy(() -> call.block(TIMEOUT)).satisfies((thrown) -> error[0] = thrown);
		assertThat(error[0]).isInstanceOf(VippsApiException.class);
		return (VippsApiException) error[0];
	}

	private static String reservedPayment(long amount) {
		String orderId = SimulatorFixtures.newOrderId();
		SimulatorFixtures
			.applied(vipps.client().initiate(SimulatorFixtures.regularPayment(SimulatorFixtures.MSN, orderId, amount)));
		vipps.sim().approve(SimulatorFixtures.MSN, orderId);
		return orderId;
	}

}
