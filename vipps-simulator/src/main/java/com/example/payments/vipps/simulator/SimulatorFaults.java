package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Run-time fault injection. Random choices use the simulator's seeded random, so a run
 * with the same seed and the same calls makes the same choices.
 */
public final class SimulatorFaults {

	private final Random random;

	private final Map<SimulatedOperation, OperationState> operations = new EnumMap<>(SimulatedOperation.class);

	private final Callbacks callbacks = new Callbacks();

	private final MerchantEndpoints merchantEndpoints = new MerchantEndpoints();

	private final Map<SimulatedOperation, SimulatorProperties.OperationFaults> initial;

	private int refundAccountFailures;

	private int userInThreeDSecure;

	public SimulatorFaults(Random random, Map<SimulatedOperation, SimulatorProperties.OperationFaults> initial) {
		this.random = random;
		this.initial = Map.copyOf(initial);
		reset();
	}

	/**
	 * The next {@code count} calls fail with {@code httpStatus} and are not applied. 5xx
	 * answers carry VippsError 99, 429 a gateway rate-limit body, other statuses
	 * VippsError 94 (order locked): {@link SimulatedAnswer#status(int)}.
	 * @param operation the operation
	 * @param count how many calls
	 * @param httpStatus the status
	 * @return this
	 */
	public SimulatorFaults failNext(SimulatedOperation operation, int count, int httpStatus) {
		return answerNext(operation, count, SimulatedAnswer.status(httpStatus));
	}

	/**
	 * The next {@code count} calls are answered with {@code answer} and are not applied:
	 * any status, Vipps error group and code, {@code Retry-After} or none, any body
	 * shape.
	 * @param operation the operation
	 * @param count how many calls
	 * @param answer the answer (not a 2xx: Vipps never reports success for what it did
	 * not do)
	 * @return this
	 */
	public synchronized SimulatorFaults answerNext(SimulatedOperation operation, int count, SimulatedAnswer answer) {
		if (answer.httpStatus() < 300) {
			throw new IllegalArgumentException("a call that is not applied cannot be answered with a 2xx");
		}
		OperationState state = this.operations.get(operation);
		state.failNext = count;
		state.failAnswer = answer;
		return this;
	}

	/**
	 * The next {@code count} calls are applied at "Vipps", but the answer is
	 * {@code httpStatus} with VippsError 99 - the answer was lost. For idempotent-retry
	 * tests.
	 * @param operation the operation
	 * @param count how many calls
	 * @param httpStatus the status (usually 5xx)
	 * @return this
	 */
	public SimulatorFaults applyThenFailNext(SimulatedOperation operation, int count, int httpStatus) {
		return applyThenAnswerNext(operation, count, SimulatedAnswer.status(httpStatus));
	}

	/**
	 * The next {@code count} calls are applied at "Vipps", then answered with
	 * {@code answer} instead of the real answer: an error (the answer was lost on the
	 * way), or a 2xx whose body cannot be read ({@link SimulatedAnswer#brokenSuccess}).
	 * @param operation the operation
	 * @param count how many calls
	 * @param answer the answer
	 * @return this
	 */
	public synchronized SimulatorFaults applyThenAnswerNext(SimulatedOperation operation, int count,
			SimulatedAnswer answer) {
		OperationState state = this.operations.get(operation);
		state.applyThenFailNext = count;
		state.applyThenAnswer = answer;
		return this;
	}

	/**
	 * The next {@code count} calls are applied at "Vipps", then the connection is closed
	 * without an answer: the caller sees the connection lost after its request was
	 * written.
	 * @param operation the operation
	 * @param count how many calls
	 * @return this
	 */
	public synchronized SimulatorFaults applyThenDropNext(SimulatedOperation operation, int count) {
		this.operations.get(operation).applyThenDropNext = count;
		return this;
	}

	/**
	 * The next {@code count} calls get 429 with {@code Retry-After}.
	 * @param operation the operation
	 * @param count how many calls
	 * @param retryAfter the advertised wait (whole seconds, at least 1)
	 * @return this
	 */
	public synchronized SimulatorFaults rateLimitNext(SimulatedOperation operation, int count, Duration retryAfter) {
		OperationState state = this.operations.get(operation);
		state.rateLimitNext = count;
		state.retryAfter = retryAfter;
		return this;
	}

	/**
	 * Added latency plus up to {@code jitter} random extra on every answer.
	 * @param operation the operation
	 * @param latency fixed latency
	 * @param jitter random extra, uniformly up to this
	 * @return this
	 */
	public synchronized SimulatorFaults latency(SimulatedOperation operation, Duration latency, Duration jitter) {
		OperationState state = this.operations.get(operation);
		state.latency = latency;
		state.jitter = jitter;
		return this;
	}

	/**
	 * Random failures: a share of calls gets 500 (not applied), another share 429.
	 * @param operation the operation
	 * @param serverErrorRate share answered 500
	 * @param rateLimitRate share answered 429
	 * @return this
	 */
	public synchronized SimulatorFaults errorRates(SimulatedOperation operation, double serverErrorRate,
			double rateLimitRate) {
		if (serverErrorRate < 0 || rateLimitRate < 0 || serverErrorRate + rateLimitRate > 1) {
			throw new IllegalArgumentException("rates must be >= 0 and add up to at most 1");
		}
		OperationState state = this.operations.get(operation);
		state.serverErrorRate = serverErrorRate;
		state.rateLimitRate = rateLimitRate;
		return this;
	}

	/**
	 * The next {@code count} refunds fail with Payment error 74 (HTTP 400, "refund failed
	 * while debiting the merchant's account") and are not applied: the settlement account
	 * lacks funds. A retry with the same X-Request-Id afterwards succeeds.
	 * @param count how many refunds
	 * @return this
	 */
	public synchronized SimulatorFaults refundAccountFailureNext(int count) {
		this.refundAccountFailures = count;
		return this;
	}

	/**
	 * The next {@code count} cancels fail with Payment error 52 (HTTP 400, cancellation
	 * failed) and are not applied: the user sits in a 3-D Secure session.
	 * @param count how many cancels
	 * @return this
	 */
	public synchronized SimulatorFaults userInThreeDSecureNext(int count) {
		this.userInThreeDSecure = count;
		return this;
	}

	/**
	 * Consumes one pending refund-account failure.
	 * @return true when this refund must fail with 74
	 */
	public synchronized boolean takeRefundAccountFailure() {
		if (this.refundAccountFailures <= 0) {
			return false;
		}
		this.refundAccountFailures--;
		return true;
	}

	/**
	 * Consumes one pending 3-D Secure cancel failure.
	 * @return true when this cancel must fail with 52
	 */
	public synchronized boolean takeUserInThreeDSecure() {
		if (this.userInThreeDSecure <= 0) {
			return false;
		}
		this.userInThreeDSecure--;
		return true;
	}

	public Callbacks callbacks() {
		return this.callbacks;
	}

	public MerchantEndpoints merchantEndpoints() {
		return this.merchantEndpoints;
	}

	/**
	 * Back to the faults configured at start.
	 */
	public synchronized void reset() {
		for (SimulatedOperation operation : SimulatedOperation.values()) {
			OperationState state = new OperationState();
			SimulatorProperties.OperationFaults configured = this.initial.get(operation);
			if (configured != null) {
				state.latency = configured.latency();
				state.jitter = configured.jitter();
				state.serverErrorRate = configured.serverErrorRate();
				state.rateLimitRate = configured.rateLimitRate();
			}
			this.operations.put(operation, state);
		}
		this.refundAccountFailures = 0;
		this.userInThreeDSecure = 0;
		this.callbacks.reset();
		this.merchantEndpoints.reset();
	}

	/**
	 * Decides, once per call, which fault (if any) applies. Counted faults win over
	 * random ones.
	 * @param operation the operation called
	 * @return the decision
	 */
	public synchronized Decision decide(SimulatedOperation operation) {
		OperationState state = this.operations.get(operation);
		Duration delay = state.latency;
		if (!state.jitter.isZero()) {
			delay = delay.plusMillis((long) (this.random.nextDouble() * state.jitter.toMillis()));
		}
		if (state.failNext > 0) {
			state.failNext--;
			return new Decision(delay, Decision.Kind.FAIL, state.failAnswer);
		}
		if (state.applyThenFailNext > 0) {
			state.applyThenFailNext--;
			return new Decision(delay, Decision.Kind.APPLY_THEN_FAIL, state.applyThenAnswer);
		}
		if (state.applyThenDropNext > 0) {
			state.applyThenDropNext--;
			return new Decision(delay, Decision.Kind.APPLY_THEN_DROP, null);
		}
		if (state.rateLimitNext > 0) {
			state.rateLimitNext--;
			return new Decision(delay, Decision.Kind.RATE_LIMIT,
					SimulatedAnswer.status(429).withRetryAfter(state.retryAfter));
		}
		if (state.serverErrorRate > 0 || state.rateLimitRate > 0) {
			double roll = this.random.nextDouble();
			if (roll < state.serverErrorRate) {
				return new Decision(delay, Decision.Kind.FAIL, SimulatedAnswer.status(500));
			}
			if (roll < state.serverErrorRate + state.rateLimitRate) {
				return new Decision(delay, Decision.Kind.RATE_LIMIT, SimulatedAnswer.status(429));
			}
		}
		return new Decision(delay, Decision.Kind.NONE, null);
	}

	/**
	 * What to do with one call.
	 *
	 * @param delay added latency
	 * @param kind the fault
	 * @param answer the answer for FAIL, APPLY_THEN_FAIL and RATE_LIMIT (whose
	 * {@code Retry-After} is the advertised wait), else null
	 */
	public record Decision(Duration delay, Kind kind, SimulatedAnswer answer) {

		/**
		 * Fault kinds.
		 */
		public enum Kind {

			/**
			 * No fault.
			 */
			NONE,

			/**
			 * Answer with an error, not applied.
			 */
			FAIL,

			/**
			 * Apply, then answer with an error or a broken success.
			 */
			APPLY_THEN_FAIL,

			/**
			 * Apply, then close the connection without an answer.
			 */
			APPLY_THEN_DROP,

			/**
			 * Answer 429 with Retry-After.
			 */
			RATE_LIMIT

		}

	}

	private static final class OperationState {

		private Duration latency = Duration.ZERO;

		private Duration jitter = Duration.ZERO;

		private double serverErrorRate;

		private double rateLimitRate;

		private int failNext;

		private SimulatedAnswer failAnswer;

		private int applyThenFailNext;

		private SimulatedAnswer applyThenAnswer;

		private int applyThenDropNext;

		private int rateLimitNext;

		private Duration retryAfter = Duration.ofSeconds(1);

	}

	/**
	 * Faults on callbacks the simulator sends. Real Vipps never duplicates; duplicate and
	 * reorder exist for robustness tests.
	 */
	public final class Callbacks {

		private double dropRate;

		private Duration delay = Duration.ZERO;

		private boolean duplicate;

		private boolean reorder;

		private Callbacks() {
		}

		/**
		 * Share of callbacks never sent.
		 * @param rate 0..1
		 * @return this
		 */
		public Callbacks dropRate(double rate) {
			if (rate < 0 || rate > 1) {
				throw new IllegalArgumentException("dropRate must be in [0,1]");
			}
			synchronized (SimulatorFaults.this) {
				this.dropRate = rate;
			}
			return this;
		}

		/**
		 * Wait this long before sending each callback.
		 * @param delay the delay
		 * @return this
		 */
		public Callbacks delay(Duration delay) {
			synchronized (SimulatorFaults.this) {
				this.delay = delay;
			}
			return this;
		}

		/**
		 * Send every callback twice.
		 * @param enabled whether to
		 * @return this
		 */
		public Callbacks duplicate(boolean enabled) {
			synchronized (SimulatorFaults.this) {
				this.duplicate = enabled;
			}
			return this;
		}

		/**
		 * Hold callbacks in pairs and send each pair newest first (a lone callback goes
		 * out after one second).
		 * @param enabled whether to
		 * @return this
		 */
		public Callbacks reorder(boolean enabled) {
			synchronized (SimulatorFaults.this) {
				this.reorder = enabled;
			}
			return this;
		}

		public boolean shouldDrop() {
			synchronized (SimulatorFaults.this) {
				return this.dropRate > 0 && SimulatorFaults.this.random.nextDouble() < this.dropRate;
			}
		}

		public Duration currentDelay() {
			synchronized (SimulatorFaults.this) {
				return this.delay;
			}
		}

		public boolean duplicating() {
			synchronized (SimulatorFaults.this) {
				return this.duplicate;
			}
		}

		public boolean reordering() {
			synchronized (SimulatorFaults.this) {
				return this.reorder;
			}
		}

		private void reset() {
			this.dropRate = 0;
			this.delay = Duration.ZERO;
			this.duplicate = false;
			this.reorder = false;
		}

	}

	/**
	 * Faults standing in for a slow or failing merchant: applied to the shipping-details
	 * and consent-removal calls the simulator makes.
	 */
	public final class MerchantEndpoints {

		private Duration latency = Duration.ZERO;

		private int failWith;

		private MerchantEndpoints() {
		}

		/**
		 * The merchant answers this much later (counts against the simulator's timeout).
		 * @param latency added latency
		 * @return this
		 */
		public MerchantEndpoints latency(Duration latency) {
			synchronized (SimulatorFaults.this) {
				this.latency = latency;
			}
			return this;
		}

		/**
		 * The merchant answers with this status instead (the call is not sent); 0 turns
		 * it off.
		 * @param httpStatus the status
		 * @return this
		 */
		public MerchantEndpoints failWith(int httpStatus) {
			synchronized (SimulatorFaults.this) {
				this.failWith = httpStatus;
			}
			return this;
		}

		public Duration currentLatency() {
			synchronized (SimulatorFaults.this) {
				return this.latency;
			}
		}

		public int currentFailure() {
			synchronized (SimulatorFaults.this) {
				return this.failWith;
			}
		}

		private void reset() {
			this.latency = Duration.ZERO;
			this.failWith = 0;
		}

	}

}
