package com.example.payments.vipps.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.example.payments.vipps.simulator.ExpressChoice;
import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.SimulatedPayment.LogEntry;
import com.example.payments.vipps.simulator.SimulatedPayment.Shipping;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.SimulatedUser;
import com.example.payments.vipps.simulator.SimulatorFaults;
import com.example.payments.vipps.simulator.SimulatorProperties;
import com.example.payments.vipps.simulator.SimulatorProperties.AutoApprove;
import com.example.payments.vipps.simulator.engine.OptionalFields.Document;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * The simulated Vipps: payments per (MSN, orderId), the user's side, timers and the
 * unattended-run policy. The HTTP layer ({@code web}) and the Java API both drive it.
 */
public final class SimulatorEngine implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SimulatorEngine.class);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/**
	 * The Payment errors a reservation fails with, and their messages (guide, error
	 * codes).
	 */
	private static final Map<String, String> RESERVATION_FAILURES = Map.of("41", "The user does not have a valid card.",
			"42", "Refused by issuer.", "43", "Refused by issuer because of invalid amount.", "44",
			"Refused by issuer because of expired card.", "45",
			"Reservation failed. Either because the user cancelled, did not act, or for some other reason.");

	private final SimulatorProperties properties;

	private final Random random;

	private final SimulatorClock clock = new SimulatorClock();

	private final SimulatorFaults faults;

	private final Credentials credentials;

	private final RateLimiter rateLimiter;

	private final ExchangeRecorder recorder;

	private final OrderLocks orderLocks;

	private final InitiateValidator validator;

	private final ScheduledExecutorService scheduler;

	private final MerchantCalls merchantCalls;

	private final PaymentBook payments;

	public SimulatorEngine(SimulatorProperties properties) {
		this.properties = properties;
		this.random = (properties.seed() != null) ? new Random(properties.seed()) : new Random();
		this.faults = new SimulatorFaults(this.random, properties.faults());
		this.credentials = new Credentials(properties.merchants(), properties.partners(), properties.tokenLifetime(),
				this.clock, this.random);
		this.rateLimiter = new RateLimiter(this.clock, properties.rateLimits());
		this.recorder = new ExchangeRecorder(properties.exchanges());
		this.payments = new PaymentBook(properties.retention().maxPayments());
		this.validator = new InitiateValidator(properties.urlPolicy());
		this.orderLocks = new OrderLocks(properties.orderLock().enabled());
		this.scheduler = Executors.newScheduledThreadPool(2, daemon("vipps-sim-timer"));
		this.merchantCalls = new MerchantCalls(properties, this.faults, this.recorder, this.clock, this.scheduler);
		this.scheduler.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	public SimulatorProperties properties() {
		return this.properties;
	}

	public SimulatorClock clock() {
		return this.clock;
	}

	public SimulatorFaults faults() {
		return this.faults;
	}

	public Credentials credentials() {
		return this.credentials;
	}

	public RateLimiter rateLimiter() {
		return this.rateLimiter;
	}

	public ExchangeRecorder recorder() {
		return this.recorder;
	}

	public OrderLocks orderLocks() {
		return this.orderLocks;
	}

	// ---- Vipps API operations -------------------------------------------------------

	/**
	 * {@code POST /ecomm/v2/payments}.
	 * @param caller the authenticated caller
	 * @param body the parsed body
	 * @param requestBaseUrl scheme, host and port the caller used to reach the simulator
	 * @return the response body
	 */
	public String initiate(Credentials.Caller caller, JsonNode body, String requestBaseUrl) {
		InitiateRequest request = this.validator.validate(body, caller.merchant());
		String token = "eyJ" + randomToken(36);
		String url = request.isApp() ? "vippsMT://?token=" + token
				: landingBase(requestBaseUrl) + "/dwo-api-application/v1/deeplink/vippsgateway?v=2&token=" + token;
		Instant now = this.clock.now();
		PaymentRecord payment = new PaymentRecord(request, token, url, now, this.properties.landingPageTimeout(),
				this.properties.appTimeout());
		if (!this.payments.add(payment)) {
			throw VippsApiException.vipps(400, "Merchant", "34",
					"Duplicate orderId: '" + request.orderId() + "' is already used for MSN " + request.msn() + ".");
		}
		scheduleAutoApprove(payment);
		return VippsPayloads.initiateResponse(request.orderId(), url);
	}

	public String capture(Credentials.Caller caller, String orderId, JsonNode body, String requestId) {
		PaymentRecord payment = find(caller.msn(), orderId);
		ActionRequest action = ActionRequest.parse(body, caller.merchant(), true);
		return render(Document.CAPTURE_RESPONSE, payment
			.idempotent("capture", requestId, action.canonical(), () -> VippsPayloads.captureResponse(payment,
					payment.capture(this.clock.now(), action.amount(), action.text(), requestId, transactionId()))));
	}

	public String cancel(Credentials.Caller caller, String orderId, JsonNode body) {
		PaymentRecord payment = find(caller.msn(), orderId);
		ActionRequest action = ActionRequest.parse(body, caller.merchant(), false);
		JsonNode release = body.get("shouldReleaseRemainingFunds");
		if (release != null && !release.isNull() && !release.isBoolean()) {
			throw VippsApiException.invalid("shouldReleaseRemainingFunds",
					"shouldReleaseRemainingFunds must be a boolean");
		}
		boolean releaseRemaining = release != null && release.asBoolean();
		LogEntry entry = payment.cancel(this.clock.now(), action.text(), releaseRemaining, transactionId());
		return render(Document.CANCEL_RESPONSE, VippsPayloads.cancelResponse(payment, entry));
	}

	public String refund(Credentials.Caller caller, String orderId, JsonNode body, String requestId) {
		PaymentRecord payment = find(caller.msn(), orderId);
		ActionRequest action = ActionRequest.parse(body, caller.merchant(), true);
		return render(Document.REFUND_RESPONSE,
				payment.idempotent("refund", requestId, action.canonical(), () -> VippsPayloads.refundResponse(payment,
						payment.refund(this.clock.now(), action.amount(), action.text(), requestId, transactionId()))));
	}

	public String details(Credentials.Caller caller, String orderId) {
		PaymentRecord payment = find(caller.msn(), orderId);
		return render(Document.DETAILS, VippsPayloads.details(payment, payment.personalDataExpired(this.clock.now())));
	}

	public String status(Credentials.Caller caller, String orderId) {
		return render(Document.STATUS, VippsPayloads.status(find(caller.msn(), orderId)));
	}

	/**
	 * {@code POST /ecomm/v2/integration-test/payments/{orderId}/approve}.
	 * @param caller the caller
	 * @param orderId the order
	 * @param body {customerPhoneNumber, token}
	 * @param requestId optional X-Request-Id
	 * @return "" (the 200 answer has no body)
	 */
	public String forceApprove(Credentials.Caller caller, String orderId, JsonNode body, String requestId) {
		PaymentRecord payment = find(caller.msn(), orderId);
		if (body == null || !body.isObject()) {
			throw VippsApiException.internal("The request body is not a JSON object.");
		}
		String token = InitiateValidator.string(body, "token", true, 4096);
		String phone = InitiateValidator.string(body, "customerPhoneNumber", false, 20);
		if (phone != null && !phone.matches("^\\d{8}$")) {
			throw VippsApiException.invalid("customerPhoneNumber", "customerPhoneNumber must be 8 digits");
		}
		if (!token.equals(payment.token())) {
			throw VippsApiException.invalid("token", "The token does not belong to this payment.");
		}
		if (payment.request().express()) {
			throw VippsApiException.invalid("paymentType", "Force approve does not support express checkout.");
		}
		if (payment.request().skipLandingPage()) {
			throw VippsApiException.invalid("skipLandingPage", "Force approve does not support skipLandingPage.");
		}
		if (phone != null && this.properties.unverifiedTestUsers().contains(phone)) {
			throw VippsApiException.payment("1082",
					"The person is not BankID verified: the test user must approve one payment in the app first.");
		}
		timeOutIfDue(payment);
		return payment.idempotent("approve", requestId, body.toString(), () -> {
			if (payment.status() != Status.INITIATED) {
				throw VippsApiException.vipps(400, "VippsError", "91",
						"Transaction is not allowed: the payment is " + payment.status() + ".");
			}
			approveRegular(payment);
			return "";
		});
	}

	private PaymentRecord find(String msn, String orderId) {
		PaymentRecord payment = this.payments.get(msn, orderId);
		if (payment == null) {
			throw VippsApiException.vipps(404, "Merchant", "35",
					"The orderId '" + orderId + "' does not exist for MSN " + msn + ".");
		}
		return payment;
	}

	// ---- the user's side ------------------------------------------------------------

	public PaymentRecord require(String msn, String orderId) {
		PaymentRecord payment = this.payments.get(msn, orderId);
		if (payment == null) {
			throw new IllegalArgumentException("no payment " + orderId + " for msn " + msn);
		}
		return payment;
	}

	public Optional<PaymentRecord> byToken(String token) {
		return this.payments.byToken(token);
	}

	/**
	 * The user opened the landing page or the app: the app window starts.
	 * @param payment the payment
	 */
	public void open(PaymentRecord payment) {
		if (payment.open(this.clock.now(), transactionId())) {
			this.payments.opened(payment);
		}
	}

	/**
	 * The user opens the url.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @return the payment afterwards
	 * @throws IllegalStateException when the url has expired (the payment times out) or
	 * the payment is no longer pending
	 */
	public SimulatedPayment open(String msn, String orderId) {
		PaymentRecord payment = require(msn, orderId);
		if (urlExpired(payment)) {
			throw new IllegalStateException("the url of payment " + orderId + " has expired");
		}
		if (payment.status() != Status.INITIATED) {
			throw new IllegalStateException("payment " + orderId + " is " + payment.status());
		}
		open(payment);
		return payment.snapshot();
	}

	/**
	 * Whether the url expired before it was opened; a payment still pending then times
	 * out at once.
	 * @param payment the payment
	 * @return true when the url has expired
	 */
	public boolean urlExpired(PaymentRecord payment) {
		if (!payment.urlExpired(this.clock.now())) {
			return false;
		}
		timeOutIfDue(payment);
		return true;
	}

	/**
	 * Times the payment out if its window has passed, so a user acting after the deadline
	 * finds it timed out even before the timer ran.
	 * @param payment the payment
	 * @return true when the payment is (now) past its window
	 */
	public boolean timeOutIfDue(PaymentRecord payment) {
		if (!payment.timeoutDue(this.clock.now())) {
			return false;
		}
		try {
			timeOut(payment);
		}
		catch (IllegalStateException ex) {
			// The user or the timer acted in the same instant; nothing left to time out.
		}
		return true;
	}

	public SimulatedPayment approve(String msn, String orderId) {
		PaymentRecord payment = require(msn, orderId);
		timeOutIfDue(payment);
		if (payment.request().express()) {
			return approveExpress(msn, orderId);
		}
		approveRegular(payment);
		return payment.snapshot();
	}

	private void approveRegular(PaymentRecord payment) {
		boolean directCapture = merchant(payment).directCapture();
		// A profile (scope) payment shares the user's details like express does.
		SimulatedUser user = (payment.request().scope() != null) ? SimulatedUser.ada() : null;
		LogEntry entry = payment.approve(this.clock.now(), transactionId(), directCapture, user, null,
				payment.request().amount());
		callback(payment, directCapture ? "SALE" : "RESERVED", entry, null);
	}

	/**
	 * Express approval: consent, shipping details (static or from the merchant), choice,
	 * reservation, callback {@code RESERVE}.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @param choices what the user picks
	 * @return the payment afterwards
	 * @throws IllegalStateException when the shipping-details call fails (the payment
	 * stays INITIATED and later times out)
	 */
	public SimulatedPayment approveExpress(String msn, String orderId, ExpressChoice... choices) {
		PaymentRecord payment = require(msn, orderId);
		timeOutIfDue(payment);
		if (!payment.request().express()) {
			throw new IllegalStateException("payment " + orderId + " is not an express checkout");
		}
		SimulatedAddress address = SimulatedAddress.home();
		SimulatedUser user = SimulatedUser.ada();
		String methodId = null;
		for (ExpressChoice choice : choices) {
			if (choice instanceof ExpressChoice.Address chosenAddress) {
				address = chosenAddress.address();
			}
			else if (choice instanceof ExpressChoice.User chosenUser) {
				user = chosenUser.user();
			}
			else if (choice instanceof ExpressChoice.ShippingMethod chosenMethod) {
				methodId = chosenMethod.shippingMethodId();
			}
		}
		open(payment);
		List<ShippingOption> options = offerShipping(payment, address);
		completeExpress(payment, address, user, methodId, options);
		return payment.snapshot();
	}

	/**
	 * Gets the shipping options for an address (static, or from the merchant: blocking).
	 * @param payment the payment
	 * @param address the address
	 * @return the options
	 */
	public List<ShippingOption> offerShipping(PaymentRecord payment, SimulatedAddress address) {
		if (payment.status() != Status.INITIATED) {
			throw new IllegalStateException("payment " + payment.orderId() + " is " + payment.status());
		}
		List<ShippingOption> options;
		if (!payment.request().staticShippingDetails().isEmpty()) {
			options = payment.request().staticShippingDetails();
		}
		else {
			try {
				options = this.merchantCalls.fetchShippingDetails(payment, address);
			}
			catch (IllegalStateException ex) {
				payment.shippingDetailsFailed(ex.getMessage());
				throw ex;
			}
		}
		payment.offerShipping(address, options);
		return options;
	}

	/**
	 * The user confirms address and shipping method.
	 * @param payment the payment
	 * @param address the address
	 * @param user the user
	 * @param methodId the chosen method, or null for the default
	 * @param options the options offered
	 */
	public void completeExpress(PaymentRecord payment, SimulatedAddress address, SimulatedUser user, String methodId,
			List<ShippingOption> options) {
		ShippingOption chosen = options.stream()
			.filter((o) -> (methodId != null) ? o.shippingMethodId().equals(methodId) : o.isDefault())
			.findFirst()
			.orElseGet(() -> {
				if (methodId != null) {
					throw new IllegalArgumentException("no shipping method " + methodId + " was offered");
				}
				return options.stream()
					.min(Comparator.comparing((o) -> (o.priority() != null) ? o.priority() : Integer.MAX_VALUE))
					.orElseThrow();
			});
		long amount = payment.request().amount();
		if (this.properties.expressReservesShippingCost()) {
			amount += Math.round(chosen.shippingCost() * 100);
		}
		boolean directCapture = merchant(payment).directCapture();
		LogEntry entry = payment.approve(this.clock.now(), transactionId(), directCapture, user,
				new Shipping(address, chosen.shippingMethodId(), chosen.shippingMethod(), chosen.shippingCost()),
				amount);
		callback(payment, directCapture ? "SALE" : "RESERVE", entry, null);
	}

	public SimulatedPayment reject(String msn, String orderId) {
		PaymentRecord payment = require(msn, orderId);
		timeOutIfDue(payment);
		LogEntry entry = payment.reject(this.clock.now(), transactionId());
		callback(payment, "CANCELLED", entry, null);
		return payment.snapshot();
	}

	public SimulatedPayment timeOut(String msn, String orderId) {
		PaymentRecord payment = require(msn, orderId);
		timeOut(payment);
		return payment.snapshot();
	}

	private void timeOut(PaymentRecord payment) {
		LogEntry entry = payment.timeOut(this.clock.now(), payment.reserveTransactionId());
		callback(payment, "REJECTED", entry, null);
	}

	public SimulatedPayment failReservation(String msn, String orderId) {
		return failReservation(msn, orderId, "42");
	}

	/**
	 * The reservation fails with the given Payment error: RESERVE (or SALE) with
	 * operationSuccess false, callback RESERVE_FAILED (or SALE_FAILED) with that
	 * errorInfo.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @param paymentErrorCode 41-45
	 * @return the payment afterwards
	 */
	public SimulatedPayment failReservation(String msn, String orderId, String paymentErrorCode) {
		String message = RESERVATION_FAILURES.get(paymentErrorCode);
		if (message == null) {
			throw new IllegalArgumentException(
					"a reservation fails with Payment error 41, 42, 43, 44 or 45, not " + paymentErrorCode);
		}
		PaymentRecord payment = require(msn, orderId);
		timeOutIfDue(payment);
		boolean directCapture = merchant(payment).directCapture();
		LogEntry entry = payment.failReservation(this.clock.now(), transactionId(), directCapture);
		callback(payment, directCapture ? "SALE_FAILED" : "RESERVE_FAILED", entry,
				VippsApiException.payment(paymentErrorCode, message));
		return payment.snapshot();
	}

	/**
	 * A capture made in the merchant portal: no {@code X-Request-Id}, so the CAPTURE
	 * entry has an empty {@code requestId}; no callback (none exists for captures).
	 * @param msn the sales unit
	 * @param orderId the order
	 * @param amount øre, or null for everything still reserved
	 * @return the payment afterwards
	 * @throws IllegalStateException when Vipps would refuse it
	 */
	public SimulatedPayment portalCapture(String msn, String orderId, Long amount) {
		return inPortal(msn, orderId, "capture", (payment) -> payment.capture(this.clock.now(), amount,
				"Captured in the merchant portal", "", transactionId()));
	}

	/**
	 * A refund made in the merchant portal: the REFUND entry has an empty
	 * {@code requestId}.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @param amount øre, or null for everything still refundable
	 * @return the payment afterwards
	 * @throws IllegalStateException when Vipps would refuse it
	 */
	public SimulatedPayment portalRefund(String msn, String orderId, Long amount) {
		return inPortal(msn, orderId, "refund", (payment) -> payment.refund(this.clock.now(), amount,
				"Refunded in the merchant portal", "", transactionId()));
	}

	private SimulatedPayment inPortal(String msn, String orderId, String operation, Consumer<PaymentRecord> action) {
		PaymentRecord payment = require(msn, orderId);
		try {
			action.accept(payment);
		}
		catch (VippsApiException ex) {
			throw new IllegalStateException("portal " + operation + " refused: " + ex.getMessage(), ex);
		}
		return payment.snapshot();
	}

	/**
	 * Sends {@code DELETE {consentRemovalPrefix}/v2/consents/{userId}} using the prefix
	 * of the newest express payment of the MSN.
	 * @param msn the sales unit
	 * @param userId the Vipps user id
	 * @return the merchant's HTTP status, or -1 when it did not answer
	 */
	public int removeConsent(String msn, String userId) {
		String prefix = this.payments.all()
			.stream()
			.filter((p) -> p.msn().equals(msn) && p.request().consentRemovalPrefix() != null)
			.max(Comparator.comparing((p) -> p.snapshot().initiatedAt()))
			.map((p) -> p.request().consentRemovalPrefix())
			.orElseThrow(() -> new IllegalStateException(
					"no payment of msn " + msn + " gave a consentRemovalPrefix to call"));
		return this.merchantCalls.removeConsent(prefix, msn, userId);
	}

	private void callback(PaymentRecord payment, String status, LogEntry entry, VippsApiException errorInfo) {
		String body = render(Document.CALLBACK,
				VippsPayloads.callback(payment, status, entry, this.properties.callbackMsnAsNumber(), errorInfo));
		this.merchantCalls.sendCallback(payment, status, body);
	}

	// ---- truth, timers, policy ------------------------------------------------------

	public Optional<SimulatedPayment> payment(String msn, String orderId) {
		return Optional.ofNullable(this.payments.get(msn, orderId)).map(PaymentRecord::snapshot);
	}

	public List<SimulatedPayment> payments() {
		List<SimulatedPayment> all = new ArrayList<>();
		this.payments.all().forEach((p) -> all.add(p.snapshot()));
		all.sort(Comparator.comparing(SimulatedPayment::initiatedAt));
		return all;
	}

	/**
	 * The timer: times out the payments whose window ended and forgets expired rate-limit
	 * windows and tokens. Touches only what is due, so its cost does not grow with
	 * history.
	 */
	private void tick() {
		try {
			for (PaymentRecord payment : this.payments.takeDue(this.clock.now())) {
				timeOutIfDue(payment);
			}
			this.rateLimiter.forgetExpired();
			this.credentials.forgetExpired();
		}
		catch (RuntimeException ex) {
			// A failing tick must not cancel the schedule.
			logger.warn("Simulator timer failed", ex);
		}
	}

	private void scheduleAutoApprove(PaymentRecord payment) {
		AutoApprove policy = this.properties.autoApprove();
		if (!policy.enabled()) {
			return;
		}
		double roll = this.random.nextDouble();
		boolean coin = this.random.nextBoolean();
		this.scheduler.schedule(() -> {
			try {
				if (roll < policy.ratio()) {
					approve(payment.msn(), payment.orderId());
				}
				else if (policy.remainder() == AutoApprove.Remainder.REJECT
						|| (policy.remainder() == AutoApprove.Remainder.MIXED && coin)) {
					reject(payment.msn(), payment.orderId());
				}
				else {
					timeOut(payment.msn(), payment.orderId());
				}
			}
			catch (RuntimeException ex) {
				logger.info("Auto-approve policy skipped msn=" + payment.msn() + " orderId=" + payment.orderId() + ": "
						+ ex.getMessage());
			}
		}, policy.delay().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Forgets payments, exchanges, rate-limit windows, faults and clock offset. Issued
	 * tokens stay valid.
	 */
	public void reset() {
		this.payments.clear();
		this.recorder.clear();
		this.rateLimiter.reset();
		this.faults.reset();
		this.clock.reset();
		this.merchantCalls.clearHeld();
		this.orderLocks.reset();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.merchantCalls.close();
	}

	private SimulatedMerchant merchant(PaymentRecord payment) {
		return this.credentials.merchant(payment.msn());
	}

	private String landingBase(String requestBaseUrl) {
		String configured = this.properties.publicBaseUrl();
		return (configured != null && !configured.isBlank()) ? configured : requestBaseUrl;
	}

	private String render(Document document, String body) {
		return OptionalFields.render(this.properties, document, body);
	}

	private String transactionId() {
		return String.valueOf(5_000_000_000L + this.random.nextInt(1_000_000_000));
	}

	private String randomToken(int bytes) {
		byte[] data = new byte[bytes];
		this.random.nextBytes(data);
		return BASE64URL.encodeToString(data);
	}

}
