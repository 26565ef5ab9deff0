package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import com.example.payments.vipps.simulator.web.ControlRoutes;
import com.example.payments.vipps.simulator.web.LandingPage;
import com.example.payments.vipps.simulator.web.UnmatchedRequests;
import com.example.payments.vipps.simulator.web.VippsApiRoutes;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A local Vipps eCom API v2, started in-process (plain Reactor Netty, no Spring context,
 * so it never picks up the host application's configuration). Thread-safe.
 *
 * <pre>
 * VippsSimulator sim = VippsSimulator.builder()
 *     .merchant(SimulatedMerchant.of("123456", "client-id", "client-secret", "subscription-key"))
 *     .start();
 * </pre>
 */
public final class VippsSimulator implements AutoCloseable {

	private final SimulatorEngine engine;

	private final DisposableServer server;

	private final LoopResources loops;

	private final String baseUrl;

	private VippsSimulator(SimulatorEngine engine, DisposableServer server, LoopResources loops, String baseUrl) {
		this.engine = engine;
		this.server = server;
		this.loops = loops;
		this.baseUrl = baseUrl;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Every route the simulator serves: the Vipps API, the landing page and
	 * {@code /_sim}; anything else gets the gateway's 404 or 405.
	 * @param engine the engine
	 * @return the routes
	 */
	public static RouterFunction<ServerResponse> routes(SimulatorEngine engine) {
		RouterFunction<ServerResponse> known = new VippsApiRoutes(engine).routes()
			.and(new LandingPage(engine).routes())
			.and(new ControlRoutes(engine).routes());
		return known.and(new UnmatchedRequests(engine, known).routes());
	}

	/**
	 * The base URL, Vipps' {@code https://apitest.vipps.no} equivalent.
	 * @return e.g. {@code http://127.0.0.1:PORT}
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * The user opens the payment (the landing page or the app): the url's window ends and
	 * the app window ({@code app-timeout}) starts.
	 * @param msn sales unit
	 * @param orderId order
	 * @return the payment afterwards
	 * @throws IllegalStateException when the url has expired (the payment then times out)
	 * or the payment is no longer pending
	 */
	public SimulatedPayment open(String msn, String orderId) {
		return this.engine.open(msn, orderId);
	}

	/**
	 * The user approves (regular: RESERVE or SALE and callback RESERVED/SALE; an express
	 * payment is approved with the default choices).
	 * @param msn sales unit
	 * @param orderId order
	 * @return the payment afterwards
	 */
	public SimulatedPayment approve(String msn, String orderId) {
		return this.engine.approve(msn, orderId);
	}

	/**
	 * The user approves an express checkout: shipping details are fetched (or static),
	 * the user picks, callback RESERVE with userDetails and shippingDetails.
	 * @param msn sales unit
	 * @param orderId order
	 * @param choices address, shipping method, user; defaults for the rest
	 * @return the payment afterwards
	 * @throws IllegalStateException when the merchant's shipping-details endpoint fails
	 */
	public SimulatedPayment approveExpress(String msn, String orderId, ExpressChoice... choices) {
		return this.engine.approveExpress(msn, orderId, choices);
	}

	/**
	 * The user cancels in the app: CANCEL entry, callback CANCELLED.
	 * @param msn sales unit
	 * @param orderId order
	 * @return the payment afterwards
	 */
	public SimulatedPayment reject(String msn, String orderId) {
		return this.engine.reject(msn, orderId);
	}

	/**
	 * The user does nothing: CANCEL entry, callback REJECTED.
	 * @param msn sales unit
	 * @param orderId order
	 * @return the payment afterwards
	 */
	public SimulatedPayment timeOut(String msn, String orderId) {
		return this.engine.timeOut(msn, orderId);
	}

	/**
	 * The reservation fails: RESERVE (or SALE) with operationSuccess false, callback
	 * RESERVE_FAILED (or SALE_FAILED) with errorInfo Payment 42 (refused by issuer).
	 * @param msn sales unit
	 * @param orderId order
	 * @return the payment afterwards
	 */
	public SimulatedPayment failReservation(String msn, String orderId) {
		return this.engine.failReservation(msn, orderId);
	}

	/**
	 * The reservation fails with a chosen Payment error: 41 no valid card, 42 refused by
	 * issuer, 43 invalid amount, 44 expired card, 45 reason unknown. /details shows
	 * RESERVE (or SALE) with operationSuccess false; the callback RESERVE_FAILED (or
	 * SALE_FAILED) carries the code as errorInfo.
	 * @param msn sales unit
	 * @param orderId order
	 * @param paymentErrorCode {@code "41"} to {@code "45"}
	 * @return the payment afterwards
	 * @throws IllegalArgumentException for any other code
	 */
	public SimulatedPayment failReservation(String msn, String orderId, String paymentErrorCode) {
		return this.engine.failReservation(msn, orderId, paymentErrorCode);
	}

	/**
	 * The merchant captures in the merchant portal, outside any integration: a CAPTURE
	 * entry without a {@code requestId}, no callback.
	 * @param msn sales unit
	 * @param orderId order
	 * @param amount øre, or {@code null} for everything still reserved
	 * @return the payment afterwards
	 * @throws IllegalStateException when Vipps would refuse the capture (not reserved,
	 * cancelled, more than is left)
	 */
	public SimulatedPayment portalCapture(String msn, String orderId, Long amount) {
		return this.engine.portalCapture(msn, orderId, amount);
	}

	/**
	 * The merchant refunds in the merchant portal: a REFUND entry without a
	 * {@code requestId}, no callback.
	 * @param msn sales unit
	 * @param orderId order
	 * @param amount øre, or {@code null} for everything still refundable
	 * @return the payment afterwards
	 * @throws IllegalStateException when Vipps would refuse the refund
	 */
	public SimulatedPayment portalRefund(String msn, String orderId, Long amount) {
		return this.engine.portalRefund(msn, orderId, amount);
	}

	/**
	 * The user withdraws consent: {@code DELETE
	 * {consentRemovalPrefix}/v2/consents/{userId}} (URL-encoded), with the newest express
	 * payment's prefix for the MSN.
	 * @param msn sales unit
	 * @param userId Vipps user id
	 * @return the merchant's HTTP status, -1 when it did not answer
	 */
	public int removeConsent(String msn, String userId) {
		return this.engine.removeConsent(msn, userId);
	}

	/**
	 * Every issued access token becomes invalid (401).
	 */
	public void expireTokens() {
		this.engine.credentials().expireAll();
	}

	/**
	 * Moves the simulator's clock (token expiry, payment timeouts, 7-day personal-data
	 * expiry, 180/365-day limits).
	 * @param duration how far
	 */
	public void advanceClock(Duration duration) {
		this.engine.clock().advance(duration);
	}

	public Optional<SimulatedPayment> payment(String msn, String orderId) {
		return this.engine.payment(msn, orderId);
	}

	public List<SimulatedPayment> payments() {
		return this.engine.payments();
	}

	/**
	 * The exchanges kept so far (all, the newest 50,000 by default, or none: see
	 * {@link Builder#recordExchanges}), in order: API calls answered and merchant calls
	 * made.
	 * @return the exchanges
	 */
	public List<RecordedExchange> exchanges() {
		return this.engine.recorder().all();
	}

	public SimulatorFaults faults() {
		return this.engine.faults();
	}

	/**
	 * Forgets payments, exchanges, rate-limit windows, faults and clock offset; tokens
	 * stay valid.
	 */
	public void reset() {
		this.engine.reset();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
		this.engine.close();
	}

	/**
	 * Builds and starts a simulator.
	 */
	public static final class Builder {

		private int port;

		private String host = "127.0.0.1";

		private final List<SimulatedMerchant> merchants = new ArrayList<>();

		private final List<SimulatedPartner> partners = new ArrayList<>();

		private Duration tokenLifetime = Duration.ofHours(1);

		private Long seed;

		private UrlPolicy urlPolicy = UrlPolicy.ALLOW_LOCAL_HTTP;

		private Duration landingPageTimeout = Duration.ofMinutes(5);

		private Duration appTimeout = Duration.ofMinutes(5);

		private Duration callbackTimeout = Duration.ofSeconds(3);

		private Duration shippingDetailsTimeout = Duration.ofSeconds(10);

		private Duration consentRemovalTimeout = Duration.ofSeconds(3);

		private boolean callbackMsnAsNumber = true;

		private boolean expressReservesShippingCost;

		private boolean rateLimits = true;

		private String publicBaseUrl;

		private SimulatorProperties.GatewayErrorFormat gatewayErrorFormat = SimulatorProperties.GatewayErrorFormat.APIM;

		private SimulatorProperties.AutoApprove autoApprove = SimulatorProperties.AutoApprove.disabled();

		private final Map<SimulatedOperation, SimulatorProperties.OperationFaults> faults = new HashMap<>();

		private boolean orderLock = true;

		private boolean strictSystemHeaders;

		private final Set<String> unverifiedTestUsers = new HashSet<>();

		private boolean omitOptionalFields;

		private SimulatorProperties.Exchanges exchanges = SimulatorProperties.Exchanges
			.bounded(SimulatorProperties.Exchanges.DEFAULT_CAPACITY);

		private int maxPayments = SimulatorProperties.Retention.DEFAULT_MAX_PAYMENTS;

		private Builder() {
		}

		/**
		 * Port on loopback; 0 (default) picks a free one.
		 * @param port the port
		 * @return this
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		public Builder merchant(SimulatedMerchant merchant) {
			this.merchants.add(merchant);
			return this;
		}

		public Builder partner(SimulatedPartner partner) {
			this.partners.add(partner);
			return this;
		}

		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Builder urlPolicy(UrlPolicy urlPolicy) {
			this.urlPolicy = urlPolicy;
			return this;
		}

		/**
		 * The whole user window, split as Vipps does: half to open the url, half in the
		 * app. Shorthand for {@link #landingPageTimeout} and {@link #appTimeout}.
		 * @param paymentTimeout the whole window
		 * @return this
		 */
		public Builder paymentTimeout(Duration paymentTimeout) {
			Duration half = (paymentTimeout != null) ? paymentTimeout.dividedBy(2) : null;
			this.landingPageTimeout = half;
			this.appTimeout = half;
			return this;
		}

		/**
		 * How long the initiate {@code url} stays valid; a payment nobody opens times out
		 * after this (Vipps: 5 min).
		 * @param landingPageTimeout the validity
		 * @return this
		 */
		public Builder landingPageTimeout(Duration landingPageTimeout) {
			this.landingPageTimeout = landingPageTimeout;
			return this;
		}

		/**
		 * How long the user has after opening the payment (Vipps: 5 min).
		 * @param appTimeout the window
		 * @return this
		 */
		public Builder appTimeout(Duration appTimeout) {
			this.appTimeout = appTimeout;
			return this;
		}

		/**
		 * Whether a capture, cancel or refund arriving while another one on the same
		 * order is in flight gets VippsError 94 (default true).
		 * @param enabled whether to lock
		 * @return this
		 */
		public Builder orderLock(boolean enabled) {
			this.orderLock = enabled;
			return this;
		}

		/**
		 * Whether {@code Vipps-System-*} headers over 30 characters are rejected with 400
		 * InvalidRequest (default false: accepted and recorded).
		 * @param strict whether to reject
		 * @return this
		 */
		public Builder strictSystemHeaders(boolean strict) {
			this.strictSystemHeaders = strict;
			return this;
		}

		/**
		 * Test users who never approved a payment in the app: force approve with one of
		 * these phone numbers gets Payment error 1082.
		 * @param phoneNumbers 8-digit phone numbers
		 * @return this
		 */
		public Builder unverifiedTestUsers(String... phoneNumbers) {
			this.unverifiedTestUsers.addAll(List.of(phoneNumbers));
			return this;
		}

		/**
		 * Whether answers and callbacks carry only the fields the spec requires: no
		 * {@code transactionId}, {@code requestId}, {@code transactionSummary},
		 * {@code paymentInstrument}, optional timestamps, {@code errorInfo}... (default
		 * false: everything the guide's examples show).
		 * @param omit whether to omit optional fields
		 * @return this
		 */
		public Builder omitOptionalFields(boolean omit) {
			this.omitOptionalFields = omit;
			return this;
		}

		/**
		 * What {@link VippsSimulator#exchanges()} keeps: {@code FULL} (everything),
		 * {@code BOUNDED} (the newest 50,000, the default) or {@code OFF} (load runs).
		 * @param recording the mode
		 * @return this
		 */
		public Builder recordExchanges(SimulatorProperties.Exchanges.Recording recording) {
			return recordExchanges(recording, SimulatorProperties.Exchanges.DEFAULT_CAPACITY);
		}

		/**
		 * What {@link VippsSimulator#exchanges()} keeps.
		 * @param recording the mode
		 * @param capacity exchanges kept when {@code BOUNDED}
		 * @return this
		 */
		public Builder recordExchanges(SimulatorProperties.Exchanges.Recording recording, int capacity) {
			this.exchanges = new SimulatorProperties.Exchanges(recording, capacity);
			return this;
		}

		/**
		 * How many payments are kept (default 50,000); beyond it the oldest is forgotten.
		 * @param maxPayments the bound
		 * @return this
		 */
		public Builder maxPayments(int maxPayments) {
			this.maxPayments = maxPayments;
			return this;
		}

		public Builder callbackTimeout(Duration callbackTimeout) {
			this.callbackTimeout = callbackTimeout;
			return this;
		}

		public Builder shippingDetailsTimeout(Duration shippingDetailsTimeout) {
			this.shippingDetailsTimeout = shippingDetailsTimeout;
			return this;
		}

		public Builder consentRemovalTimeout(Duration consentRemovalTimeout) {
			this.consentRemovalTimeout = consentRemovalTimeout;
			return this;
		}

		public Builder callbackMsnAsNumber(boolean asNumber) {
			this.callbackMsnAsNumber = asNumber;
			return this;
		}

		public Builder expressReservesShippingCost(boolean reserves) {
			this.expressReservesShippingCost = reserves;
			return this;
		}

		public Builder rateLimits(boolean enabled) {
			this.rateLimits = enabled;
			return this;
		}

		public Builder publicBaseUrl(String publicBaseUrl) {
			this.publicBaseUrl = publicBaseUrl;
			return this;
		}

		public Builder gatewayErrorFormat(SimulatorProperties.GatewayErrorFormat format) {
			this.gatewayErrorFormat = format;
			return this;
		}

		/**
		 * Unattended runs: after {@code delay}, approve a share {@code ratio} of
		 * payments; reject or time out the rest.
		 * @param ratio share approved, 0..1
		 * @param delay when the simulated user acts
		 * @param remainder what happens to the others
		 * @return this
		 */
		public Builder autoApprove(double ratio, Duration delay, SimulatorProperties.AutoApprove.Remainder remainder) {
			this.autoApprove = new SimulatorProperties.AutoApprove(true, ratio, delay, remainder);
			return this;
		}

		public Builder faults(SimulatedOperation operation, SimulatorProperties.OperationFaults operationFaults) {
			this.faults.put(operation, operationFaults);
			return this;
		}

		/**
		 * The configuration this builder describes; with no merchant configured, the demo
		 * merchant of the standalone defaults.
		 * @return the properties
		 */
		public SimulatorProperties properties() {
			List<SimulatedMerchant> configured = (this.merchants.isEmpty() && this.partners.isEmpty()) ? List
				.of(SimulatedMerchant.of("123456", "demo-client-id", "demo-client-secret", "demo-subscription-key"))
					: this.merchants;
			return new SimulatorProperties(configured, this.partners, this.tokenLifetime, this.seed, this.urlPolicy,
					this.landingPageTimeout, this.appTimeout, this.callbackTimeout, this.shippingDetailsTimeout,
					this.consentRemovalTimeout, this.callbackMsnAsNumber, this.expressReservesShippingCost,
					this.rateLimits, this.publicBaseUrl, this.gatewayErrorFormat, this.autoApprove, this.faults,
					new SimulatorProperties.OrderLock(this.orderLock), this.strictSystemHeaders,
					this.unverifiedTestUsers, this.omitOptionalFields, this.exchanges,
					new SimulatorProperties.Retention(this.maxPayments));
		}

		public VippsSimulator start() {
			SimulatorEngine engine = new SimulatorEngine(properties());
			// Event loops of its own: a Spring application in the same JVM
			// disposes Reactor Netty's global ones when its context closes,
			// which would stop this server while a test still uses it.
			LoopResources loops = LoopResources.create("vipps-sim-http");
			try {
				HttpHandler handler = RouterFunctions.toHttpHandler(routes(engine));
				DisposableServer server = HttpServer.create()
					.host(this.host)
					.port(this.port)
					.runOn(loops)
					.handle(new ReactorHttpHandlerAdapter(handler))
					.bindNow(Duration.ofSeconds(10));
				return new VippsSimulator(engine, server, loops, "http://" + this.host + ":" + server.port());
			}
			catch (RuntimeException ex) {
				loops.dispose();
				engine.close();
				throw ex;
			}
		}

	}

}
