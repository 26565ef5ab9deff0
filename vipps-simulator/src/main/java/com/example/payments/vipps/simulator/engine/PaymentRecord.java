package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.SimulatedPayment.CallbackDelivery;
import com.example.payments.vipps.simulator.SimulatedPayment.LogEntry;
import com.example.payments.vipps.simulator.SimulatedPayment.Operation;
import com.example.payments.vipps.simulator.SimulatedPayment.Shipping;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.SimulatedUser;

/**
 * One payment at "Vipps" and its bookkeeping (guide §3.2). Every method is synchronized:
 * the payment is the lock, as an order is at Vipps.
 */
public final class PaymentRecord {

	private static final Duration CAPTURE_WINDOW = Duration.ofDays(180);

	private static final Duration CANCEL_WINDOW = Duration.ofDays(180);

	private static final Duration REFUND_WINDOW = Duration.ofDays(365);

	private static final Duration PERSONAL_DATA_LIFETIME = Duration.ofDays(7);

	private final InitiateRequest request;

	private final String token;

	private final String url;

	private final Instant initiatedAt;

	private final Instant urlExpiresAt;

	private final Duration appTimeout;

	private final List<LogEntry> log = new ArrayList<>();

	private final List<CallbackDelivery> callbacks = new ArrayList<>();

	private final Map<String, StoredResponse> idempotency = new HashMap<>();

	private Status status = Status.INITIATED;

	private boolean userActed;

	private boolean released;

	private long reserved;

	private long captured;

	private long refunded;

	private Instant reservedAt;

	private Instant openedAt;

	private String initiateTransactionId;

	private String reserveTransactionId;

	private SimulatedUser user;

	private Shipping shipping;

	private String shippingDetailsError;

	private List<ShippingOption> offeredShipping = List.of();

	private SimulatedAddress offeredFor;

	PaymentRecord(InitiateRequest request, String token, String url, Instant initiatedAt, Duration landingPageTimeout,
			Duration appTimeout) {
		this.request = request;
		this.token = token;
		this.url = url;
		this.initiatedAt = initiatedAt;
		this.urlExpiresAt = initiatedAt.plus(landingPageTimeout);
		this.appTimeout = appTimeout;
		this.log.add(new LogEntry(Operation.INITIATE, request.amount(), true, request.transactionText(), null, "",
				initiatedAt));
	}

	public InitiateRequest request() {
		return this.request;
	}

	public String msn() {
		return this.request.msn();
	}

	public String orderId() {
		return this.request.orderId();
	}

	public String token() {
		return this.token;
	}

	/**
	 * When the url stops working if nobody opens it.
	 * @return the expiry
	 */
	public Instant urlExpiresAt() {
		return this.urlExpiresAt;
	}

	/**
	 * When the app window of an opened payment ends.
	 * @return the deadline, or {@link Instant#MAX} when the payment was never opened
	 */
	public synchronized Instant appDeadline() {
		return (this.openedAt != null) ? this.openedAt.plus(this.appTimeout) : Instant.MAX;
	}

	/**
	 * Whether the url expired before anyone opened it (Vipps: 5 min).
	 * @param now the simulator's time
	 * @return true when opening it now shows the expired page
	 */
	public synchronized boolean urlExpired(Instant now) {
		return this.openedAt == null && !now.isBefore(this.urlExpiresAt);
	}

	/**
	 * Whether a pending payment has run out of time: the url was not opened in time, or
	 * the user did not finish in the app in time after opening it.
	 * @param now the simulator's time
	 * @return true when the payment is INITIATED and due to time out
	 */
	public synchronized boolean timeoutDue(Instant now) {
		if (this.status != Status.INITIATED) {
			return false;
		}
		return (this.openedAt != null) ? !now.isBefore(this.openedAt.plus(this.appTimeout)) : urlExpired(now);
	}

	/**
	 * Whether the customer information shared with the merchant has expired (7 days after
	 * the reservation, guide §1.6).
	 * @param now the simulator's time
	 * @return true when /details must show {@code "[Expired]"}
	 */
	public synchronized boolean personalDataExpired(Instant now) {
		return this.reservedAt != null && !now.isBefore(this.reservedAt.plus(PERSONAL_DATA_LIFETIME));
	}

	public synchronized Status status() {
		return this.status;
	}

	public synchronized boolean userActed() {
		return this.userActed;
	}

	public synchronized String reserveTransactionId() {
		return (this.reserveTransactionId != null) ? this.reserveTransactionId : this.initiateTransactionId;
	}

	public synchronized SimulatedUser user() {
		return this.user;
	}

	public synchronized Shipping shipping() {
		return this.shipping;
	}

	public synchronized long reserved() {
		return this.reserved;
	}

	public synchronized long captured() {
		return this.captured;
	}

	public synchronized long refunded() {
		return this.refunded;
	}

	public synchronized long remainingToCapture() {
		if (this.released || this.status == Status.VOIDED || this.status == Status.CANCELLED
				|| this.status == Status.REJECTED || this.status == Status.RESERVE_FAILED) {
			return 0;
		}
		return this.reserved - this.captured;
	}

	public synchronized long remainingToRefund() {
		return this.captured - this.refunded;
	}

	/**
	 * The user opened the landing page or app: the INITIATE entry gets its transactionId
	 * and the app window starts.
	 * @param now when
	 * @param transactionId the id to use if none is set yet
	 * @return true when this was the first opening (the app window starts now)
	 */
	public synchronized boolean open(Instant now, String transactionId) {
		boolean first = this.openedAt == null;
		if (first) {
			this.openedAt = now;
		}
		if (this.initiateTransactionId == null) {
			this.initiateTransactionId = transactionId;
			LogEntry initiate = this.log.get(0);
			this.log.set(0, new LogEntry(initiate.operation(), initiate.amount(), true, initiate.transactionText(),
					transactionId, "", initiate.timeStamp()));
		}
		return first;
	}

	public synchronized void offerShipping(SimulatedAddress address, List<ShippingOption> options) {
		this.offeredFor = address;
		this.offeredShipping = List.copyOf(options);
	}

	public synchronized List<ShippingOption> offeredShipping() {
		return this.offeredShipping;
	}

	public synchronized SimulatedAddress offeredFor() {
		return this.offeredFor;
	}

	public synchronized void shippingDetailsFailed(String reason) {
		this.shippingDetailsError = reason;
	}

	/**
	 * The user approves.
	 * @param now when
	 * @param transactionId the reservation's id
	 * @param directCapture whether the MSN captures at once (SALE)
	 * @param user the user sharing details (express, scope), or null
	 * @param shipping the chosen shipping (express), or null
	 * @param amount the reserved amount
	 * @return the log entry
	 */
	public synchronized LogEntry approve(Instant now, String transactionId, boolean directCapture, SimulatedUser user,
			Shipping shipping, long amount) {
		requireStatus(Status.INITIATED, "approve");
		open(now, transactionId);
		this.userActed = true;
		this.reserveTransactionId = transactionId;
		this.user = user;
		this.shipping = shipping;
		this.reserved = amount;
		this.reservedAt = now;
		if (directCapture) {
			this.captured = amount;
			this.status = Status.CAPTURED;
			return append(
					new LogEntry(Operation.SALE, amount, true, this.request.transactionText(), transactionId, "", now));
		}
		this.status = Status.RESERVED;
		return append(
				new LogEntry(Operation.RESERVE, amount, true, this.request.transactionText(), transactionId, "", now));
	}

	/**
	 * The user cancels in the app.
	 * @param now when
	 * @param transactionId id
	 * @return the log entry
	 */
	public synchronized LogEntry reject(Instant now, String transactionId) {
		requireStatus(Status.INITIATED, "reject");
		open(now, transactionId);
		this.userActed = true;
		this.status = Status.CANCELLED;
		return append(new LogEntry(Operation.CANCEL, this.request.amount(), true, this.request.transactionText(),
				transactionId, "", now));
	}

	/**
	 * The user did nothing in time. The user never acted, so /details keeps omitting the
	 * summary.
	 * @param now when
	 * @param transactionId id
	 * @return the log entry
	 */
	public synchronized LogEntry timeOut(Instant now, String transactionId) {
		requireStatus(Status.INITIATED, "time out");
		this.status = Status.REJECTED;
		return append(new LogEntry(Operation.CANCEL, this.request.amount(), true, this.request.transactionText(),
				transactionId, "", now));
	}

	/**
	 * The reservation fails (card refused and the like).
	 * @param now when
	 * @param transactionId id
	 * @param directCapture whether it was a SALE attempt
	 * @return the log entry
	 */
	public synchronized LogEntry failReservation(Instant now, String transactionId, boolean directCapture) {
		requireStatus(Status.INITIATED, "fail");
		open(now, transactionId);
		this.userActed = true;
		this.status = Status.RESERVE_FAILED;
		return append(new LogEntry(directCapture ? Operation.SALE : Operation.RESERVE, this.request.amount(), false,
				this.request.transactionText(), transactionId, "", now));
	}

	/**
	 * Merchant capture.
	 * @param now when
	 * @param amount øre, or null/0 for the rest
	 * @param text transactionText
	 * @param requestId X-Request-Id
	 * @param transactionId new id
	 * @return the log entry
	 */
	public synchronized LogEntry capture(Instant now, Long amount, String text, String requestId,
			String transactionId) {
		switch (this.status) {
			case INITIATED -> throw VippsApiException.payment("62",
					"The amount is not reserved: the user has not approved the payment.");
			case CANCELLED, REJECTED, VOIDED, RESERVE_FAILED -> throw VippsApiException.vipps(400, "VippsError", "91",
					"Transaction is not allowed: the payment is " + this.status + ".");
			default -> {
			}
		}
		if (this.reservedAt != null && now.isAfter(this.reservedAt.plus(CAPTURE_WINDOW))) {
			throw VippsApiException.payment("98", "Capture is only allowed up to 180 days after the reservation.");
		}
		long remaining = remainingToCapture();
		long toCapture = (amount == null || amount == 0) ? remaining : amount;
		if (toCapture <= 0 || toCapture > remaining) {
			throw VippsApiException.payment("61",
					"Captured amount " + toCapture + " exceeds the reserved amount left (" + remaining + ").");
		}
		this.captured += toCapture;
		if (this.refunded > 0) {
			this.status = Status.PARTIALLY_REFUNDED;
		}
		else {
			this.status = (this.captured == this.reserved) ? Status.CAPTURED : Status.PARTIALLY_CAPTURED;
		}
		return append(new LogEntry(Operation.CAPTURE, toCapture, true, text, transactionId, requestId, now));
	}

	/**
	 * Merchant cancel.
	 * @param now when
	 * @param text transactionText
	 * @param releaseRemainingFunds shouldReleaseRemainingFunds
	 * @param transactionId new id
	 * @return the log entry
	 */
	public synchronized LogEntry cancel(Instant now, String text, boolean releaseRemainingFunds, String transactionId) {
		switch (this.status) {
			case INITIATED -> {
				this.status = Status.CANCELLED;
				return append(
						new LogEntry(Operation.CANCEL, this.request.amount(), true, text, transactionId, "", now));
			}
			case RESERVED -> {
				requireWithinCancelWindow(now);
				this.status = Status.VOIDED;
				return append(new LogEntry(Operation.VOID, this.reserved, true, text, transactionId, "", now));
			}
			case PARTIALLY_CAPTURED -> {
				if (!releaseRemainingFunds || this.released) {
					throw VippsApiException.payment("51",
							"Cannot cancel an order that has been captured. Use shouldReleaseRemainingFunds to release the rest, or refund.");
				}
				requireWithinCancelWindow(now);
				long rest = this.reserved - this.captured;
				this.released = true;
				return append(new LogEntry(Operation.VOID, rest, true, text, transactionId, "", now));
			}
			case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> throw VippsApiException.payment("51",
					"Cannot cancel an order that has already been captured. Refund it instead.");
			default -> throw VippsApiException.vipps(400, "VippsError", "91",
					"Transaction is not allowed: the payment is " + this.status + ".");
		}
	}

	/**
	 * Merchant refund.
	 * @param now when
	 * @param amount øre, or null/0 for the rest
	 * @param text transactionText
	 * @param requestId X-Request-Id
	 * @param transactionId new id
	 * @return the log entry
	 */
	public synchronized LogEntry refund(Instant now, Long amount, String text, String requestId, String transactionId) {
		switch (this.status) {
			case CANCELLED, REJECTED, VOIDED, RESERVE_FAILED ->
				throw VippsApiException.payment("73", "Cannot refund a cancelled order.");
			default -> {
			}
		}
		if (this.captured == 0) {
			throw VippsApiException.payment("72",
					"Cannot refund a reserved order: nothing is captured. Cancel it instead.");
		}
		if (this.reservedAt != null && now.isAfter(this.reservedAt.plus(REFUND_WINDOW))) {
			throw VippsApiException.payment("95", "Refunds are only allowed up to 365 days after the reservation.");
		}
		long remaining = remainingToRefund();
		long toRefund = (amount == null || amount == 0) ? remaining : amount;
		if (toRefund <= 0 || toRefund > remaining) {
			throw VippsApiException.payment("71",
					"Refund amount " + toRefund + " exceeds the captured amount left (" + remaining + ").");
		}
		this.refunded += toRefund;
		this.status = (this.refunded == this.captured && remainingToCapture() == 0) ? Status.REFUNDED
				: Status.PARTIALLY_REFUNDED;
		return append(new LogEntry(Operation.REFUND, toRefund, true, text, transactionId, requestId, now));
	}

	/**
	 * Runs {@code action} once per (endpoint, X-Request-Id): a repeat with the same
	 * payload replays the stored answer, a different payload is error 93.
	 * @param endpoint the endpoint
	 * @param requestId the key
	 * @param payload canonical request payload
	 * @param action the operation, producing the 200 body
	 * @return the body
	 */
	public synchronized String idempotent(String endpoint, String requestId, String payload, Supplier<String> action) {
		if (requestId == null) {
			return action.get();
		}
		StoredResponse stored = this.idempotency.get(endpoint + "\n" + requestId);
		if (stored != null) {
			if (!stored.payload().equals(payload)) {
				throw VippsApiException.vipps(400, "VippsError", "93",
						"The request differs from the earlier request with the same X-Request-Id.");
			}
			return stored.body();
		}
		String body = action.get();
		this.idempotency.put(endpoint + "\n" + requestId, new StoredResponse(payload, body));
		return body;
	}

	public synchronized void recordCallback(CallbackDelivery delivery) {
		this.callbacks.add(delivery);
	}

	/**
	 * The log as /details shows it: newest first.
	 * @return the entries
	 */
	public synchronized List<LogEntry> logNewestFirst() {
		return reversed(this.log);
	}

	public synchronized SimulatedPayment snapshot() {
		return new SimulatedPayment(msn(), orderId(), this.status, this.request.express(), this.request.amount(),
				this.reserved, this.captured, this.refunded, remainingToCapture(), remainingToRefund(),
				this.request.transactionText(), this.url, this.initiatedAt, reversed(this.log),
				List.copyOf(this.callbacks), this.user, this.shipping, this.shippingDetailsError);
	}

	private static List<LogEntry> reversed(List<LogEntry> entries) {
		List<LogEntry> copy = new ArrayList<>(entries);
		java.util.Collections.reverse(copy);
		return List.copyOf(copy);
	}

	private LogEntry append(LogEntry entry) {
		this.log.add(entry);
		return entry;
	}

	private void requireWithinCancelWindow(Instant now) {
		if (now.isAfter(this.reservedAt.plus(CANCEL_WINDOW))) {
			// The guide gives only "HTTP 400"; 91 (not allowed) tells a client it is
			// final.
			throw VippsApiException.vipps(400, "VippsError", "91",
					"Cancel is only allowed up to 180 days after the reservation.");
		}
	}

	private void requireStatus(Status expected, String action) {
		if (this.status != expected) {
			throw new IllegalStateException("cannot " + action + " payment " + msn() + "/" + orderId() + " in state "
					+ this.status + " (expected " + expected + ")");
		}
	}

	private record StoredResponse(String payload, String body) {
	}

}
