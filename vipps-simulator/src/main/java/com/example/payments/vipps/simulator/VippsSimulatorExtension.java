package com.example.payments.vipps.simulator;

import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts a simulator before the test class, stops it after, and
 * injects {@link VippsSimulator} parameters. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static VippsSimulatorExtension vipps = new VippsSimulatorExtension((builder) -&gt; builder
 *     .merchant(SimulatedMerchant.of("123456", "client-id", "client-secret", "key")));
 * </pre>
 */
public final class VippsSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private final Consumer<VippsSimulator.Builder> configuration;

	private boolean resetBeforeEach;

	private VippsSimulator simulator;

	public VippsSimulatorExtension() {
		this((builder) -> {
		});
	}

	public VippsSimulatorExtension(Consumer<VippsSimulator.Builder> configuration) {
		this.configuration = configuration;
	}

	/**
	 * Reset payments, exchanges and faults before every test.
	 * @return this
	 */
	public VippsSimulatorExtension resetBeforeEach() {
		this.resetBeforeEach = true;
		return this;
	}

	public VippsSimulator simulator() {
		if (this.simulator == null) {
			throw new IllegalStateException(
					"the simulator starts in beforeAll; register the extension on a static field");
		}
		return this.simulator;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		VippsSimulator.Builder builder = VippsSimulator.builder();
		this.configuration.accept(builder);
		this.simulator = builder.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.resetBeforeEach) {
			simulator().reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.simulator != null) {
			this.simulator.close();
			this.simulator = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == VippsSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator();
	}

}
