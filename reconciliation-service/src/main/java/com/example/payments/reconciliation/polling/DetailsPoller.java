package com.example.payments.reconciliation.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.reconciliation.domain.SlidingWindowLimit;
import com.example.payments.reconciliation.tracking.CheckRequest;
import com.example.payments.reconciliation.tracking.CheckResult;
import com.example.payments.reconciliation.tracking.DetailsChecks;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.model.PaymentDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /details} for the checks the trackers hand it, never on a stream thread:
 * the call is reactive (vipps-client), its answer waits at the {@link OffsetsBarrier}
 * until the tracker's state holds every event and command written before it, and the
 * result goes to the tracker's inbox.
 * <p>
 * Budgets: per sales unit at most {@code callsPerMinutePerMsn} calls in any minute and
 * {@code maxConcurrencyPerMsn} at once, and at most {@code maxInFlight} in all. A check
 * over budget is not started; the tracker leaves it due, so the oldest due checks of each
 * sales unit go first when room returns.
 */
public final class DetailsPoller implements DetailsChecks {

	private static final Logger logger = LoggerFactory.getLogger(DetailsPoller.class);

	private final VippsClient vipps;

	private final OffsetsBarrier barrier;

	private final PollerSettings settings;

	private final Clock clock;

	private final Map<String, Merchant> merchants = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Create the poller.
	 * @param vipps the client, with its own retries off
	 * @param barrier waits for the tracker's state to catch up with the topics
	 * @param settings the budgets
	 * @param clock the clock of the budgets
	 */
	public DetailsPoller(VippsClient vipps, OffsetsBarrier barrier, PollerSettings settings, Clock clock) {
		this.vipps = vipps;
		this.barrier = barrier;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public int room(String msn) {
		Merchant merchant = merchant(msn);
		long now = this.clock.millis();
		synchronized (merchant) {
			return Math.max(0,
					Math.min(
							Math.min(merchant.budget.available(now),
									this.settings.maxConcurrencyPerMsn() - merchant.inFlight),
							this.settings.maxInFlight() - this.inFlight.get()));
		}
	}

	@Override
	public boolean start(CheckRequest request) {
		String msn = request.payment().merchantSerialNumber();
		Merchant merchant = merchant(msn);
		synchronized (merchant) {
			if (merchant.inFlight >= this.settings.maxConcurrencyPerMsn()
					|| this.inFlight.get() >= this.settings.maxInFlight()
					|| !merchant.budget.tryAcquire(this.clock.millis())) {
				return false;
			}
			merchant.inFlight++;
			this.inFlight.incrementAndGet();
		}
		try {
			this.vipps.details(msn, request.payment().orderId())
				.subscribe((details) -> read(request, merchant, details),
						(failure) -> failed(request, merchant, failure));
		}
		catch (RuntimeException ex) {
			failed(request, merchant, ex);
		}
		return true;
	}

	/**
	 * Checks in flight now.
	 * @return the number of {@code /details} calls started and not answered
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	private void read(CheckRequest request, Merchant merchant, PaymentDetails details) {
		release(merchant);
		Instant learnedAt = this.clock.instant();
		this.barrier.caughtUp(request.partition()).whenComplete((caughtUp, failure) -> {
			CheckResult result = Boolean.TRUE.equals(caughtUp)
					? new CheckResult.Read(request.payment(), request.sequence(), details, learnedAt)
					: new CheckResult.Unconfirmed(request.payment(), request.sequence());
			if (failure != null) {
				logger.warn("Could not confirm that the tracker caught up before the check of {}",
						request.payment().asString(), failure);
			}
			request.inbox().deliver(result);
		});
	}

	private void failed(CheckRequest request, Merchant merchant, Throwable failure) {
		release(merchant);
		String outcome = "error";
		Duration retryAfter = null;
		if (failure instanceof VippsApiException vippsFailure) {
			// The kind (rate_limited, transport, vipps_internal, ...) is a bounded tag.
			outcome = vippsFailure.is("Merchant", "35") ? "not_found" : vippsFailure.kind();
			// A read that failed for another reason than throttling is read again on the
			// ladder; Retry-After counts for throttling only.
			retryAfter = "rate_limited".equals(vippsFailure.kind()) ? vippsFailure.retryAfter().orElse(null) : null;
		}
		request.inbox()
			.deliver(new CheckResult.Failed(request.payment(), request.sequence(), outcome, retryAfter, failure));
	}

	private void release(Merchant merchant) {
		synchronized (merchant) {
			merchant.inFlight--;
		}
		this.inFlight.decrementAndGet();
	}

	private Merchant merchant(String msn) {
		return this.merchants.computeIfAbsent(msn, (key) -> new Merchant(
				new SlidingWindowLimit(this.settings.callsPerMinutePerMsn(), Duration.ofMinutes(1))));
	}

	/** One sales unit's budget and calls in flight. */
	private static final class Merchant {

		private final SlidingWindowLimit budget;

		private int inFlight;

		Merchant(SlidingWindowLimit budget) {
			this.budget = budget;
		}

	}

}
