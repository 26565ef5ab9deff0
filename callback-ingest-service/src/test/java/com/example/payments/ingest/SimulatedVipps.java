package com.example.payments.ingest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsClientConfig;
import com.example.payments.vipps.client.VippsCredentials;
import com.example.payments.vipps.client.VippsOutcome;
import com.example.payments.vipps.client.VippsSystemInfo;
import com.example.payments.vipps.client.model.CustomerInfo;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.InitiateTransaction;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentType;
import com.example.payments.vipps.client.model.ShippingDetails;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPayment.CallbackDelivery;
import com.example.payments.vipps.simulator.SimulatorProperties;
import com.example.payments.vipps.simulator.VippsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vipps for the tests: the in-process simulator (recording every exchange, sending real
 * callbacks, shipping-details and consent-removal calls to the service), and the
 * vipps-client that initiates payments on it as the command service would, with the
 * service's prefixes and the authToken of the shared secret.
 */
final class SimulatedVipps implements AutoCloseable {

	private static final AtomicInteger ORDERS = new AtomicInteger();

	private final VippsSimulator simulator;

	private final VippsClient client;

	private SimulatedVipps(VippsSimulator simulator, VippsClient client) {
		this.simulator = simulator;
		this.client = client;
	}

	static SimulatedVipps start() {
		VippsSimulator simulator = VippsSimulator.builder()
			.port(0)
			.merchant(SimulatedMerchant.of(IngestService.MSN, "client-id", "client-secret", "subscription-key"))
			.merchant(SimulatedMerchant.of(IngestService.DIRECT_CAPTURE_MSN, "cid-2", "secret-2", "key-2")
				.directCapture(true))
			.recordExchanges(SimulatorProperties.Exchanges.Recording.FULL)
			.seed(7L)
			.start();
		VippsClientConfig config = VippsClientConfig
			.builder(simulator.baseUrl(), new VippsSystemInfo("acme", "1.0.0", "ingest-it", "0.1.0"))
			.merchant(IngestService.MSN, new VippsCredentials("client-id", "client-secret", "subscription-key"))
			.merchant(IngestService.DIRECT_CAPTURE_MSN, new VippsCredentials("cid-2", "secret-2", "key-2"))
			.allowInsecureLocalUrls(true)
			.build();
		return new SimulatedVipps(simulator, VippsClient.create(config, new SimpleMeterRegistry()));
	}

	VippsSimulator simulator() {
		return this.simulator;
	}

	static String newOrderId(String prefix) {
		return prefix + "-" + ORDERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	void initiateRegular(String msn, String orderId, String callbackPrefix, String authToken, String scope) {
		initiate(new InitiatePaymentRequest(CustomerInfo.unknown(),
				MerchantInfo.regular(msn, callbackPrefix, "https://shop.example.com/result/" + orderId, authToken),
				new InitiateTransaction(orderId, 20000, "Socks", null, scope, null)));
	}

	void initiateExpress(String msn, String orderId, IngestService ingest, String authToken,
			List<ShippingDetails> staticShipping) {
		MerchantInfo merchant = new MerchantInfo(msn, ingest.callbackPrefix(),
				"https://shop.example.com/result/" + orderId, authToken, ingest.consentRemovalPrefix(),
				(staticShipping != null) ? null : ingest.shippingDetailsPrefix(), staticShipping, PaymentType.EXPRESS,
				null);
		initiate(new InitiatePaymentRequest(CustomerInfo.unknown(), merchant,
				new InitiateTransaction(orderId, 20000, "Socks", null, null, null)));
	}

	private void initiate(InitiatePaymentRequest request) {
		VippsOutcome<?> outcome = this.client.initiate(request).block(Duration.ofSeconds(30));
		assertThat(outcome).as("initiate %s", request.transaction().orderId()).isInstanceOf(VippsOutcome.Applied.class);
	}

	/**
	 * Wait until the simulator has the merchant's answers to a payment's callbacks.
	 * @param msn the MSN
	 * @param orderId the order
	 * @param count how many callbacks
	 * @return the deliveries, each with the status the service answered
	 */
	List<CallbackDelivery> awaitCallbacks(String msn, String orderId, int count) {
		return await("%d callbacks of %s answered".formatted(count, orderId)).atMost(Duration.ofSeconds(30))
			.until(() -> this.simulator.payment(msn, orderId).orElseThrow().callbacks(),
					(callbacks) -> callbacks.size() >= count
							&& callbacks.stream().allMatch((delivery) -> delivery.httpStatus() != 0));
	}

	List<RecordedExchange> exchanges(RecordedExchange.Kind kind, String orderId) {
		return this.simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.kind() == kind && orderId.equals(exchange.orderId()))
			.toList();
	}

	@Override
	public void close() {
		this.client.close();
		this.simulator.close();
	}

}
