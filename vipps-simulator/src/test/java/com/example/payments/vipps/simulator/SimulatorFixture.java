package com.example.payments.vipps.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.example.payments.vipps.simulator.contract.VippsOpenApiContract;

/**
 * Starts simulators and a merchant receiver for one test, and closes them after.
 */
final class SimulatorFixture implements AutoCloseable {

	static final String MSN = "123456";

	static final String DIRECT_MSN = "654321";

	static final String MERCHANT_NAME = "Acme Socks";

	private static final AtomicInteger orders = new AtomicInteger();

	private static VippsOpenApiContract contract;

	private final List<AutoCloseable> resources = new ArrayList<>();

	final MerchantReceiver merchant = MerchantReceiver.start();

	SimulatorFixture() {
		this.resources.add(this.merchant);
	}

	static synchronized VippsOpenApiContract contract() {
		if (contract == null) {
			contract = VippsOpenApiContract.load();
		}
		return contract;
	}

	static String orderId() {
		return "acme-shop-456-order" + orders.incrementAndGet();
	}

	VippsSimulator start(Consumer<VippsSimulator.Builder> configuration) {
		VippsSimulator.Builder builder = VippsSimulator.builder()
			.merchant(SimulatedMerchant.of(MSN, "client-id", "client-secret", "subscription-key").name(MERCHANT_NAME))
			.merchant(SimulatedMerchant.of(DIRECT_MSN, "cid-2", "secret-2", "key-2").directCapture(true))
			.seed(7L);
		configuration.accept(builder);
		VippsSimulator sim = builder.start();
		this.resources.add(0, sim);
		return sim;
	}

	VippsTestClient client(VippsSimulator sim) {
		return new VippsTestClient(sim, "client-id", "client-secret", "subscription-key", MSN);
	}

	VippsTestClient directClient(VippsSimulator sim) {
		return new VippsTestClient(sim, "cid-2", "secret-2", "key-2", DIRECT_MSN);
	}

	/**
	 * Initiate a regular 200 NOK payment for {@link #MSN} and let the user approve it.
	 * @param sim the simulator
	 * @param client a client of it
	 * @return the reserved payment's order id
	 */
	String reservedPayment(VippsSimulator sim, VippsTestClient client) {
		String orderId = orderId();
		VippsTestClient.Result initiated = client.initiate(MSN, orderId, 20000, this.merchant.baseUrl());
		if (initiated.status() != 200) {
			throw new IllegalStateException("initiate failed: " + initiated.status() + " " + initiated.body());
		}
		sim.approve(MSN, orderId);
		return orderId;
	}

	@Override
	public void close() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
