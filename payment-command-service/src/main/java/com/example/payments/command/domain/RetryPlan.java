package com.example.payments.command.domain;

import java.time.Duration;

import com.example.payments.vipps.client.error.VippsNextStep;

/**
 * How long one command keeps trying before its outcome is reported, so that a refusal for
 * now (rate limit, order locked, Vipps unreachable) delays only that payment and a final
 * refusal is reported at once. The client repeats some calls itself first; this plan
 * decides what the command does with what the client finally answered.
 *
 * @param maxAttempts calls of one kind per command, the first included
 * @param firstBackoff the wait before the second call; doubles per call
 * @param maxWait the longest single wait, also for a {@code Retry-After} (Vipps counts
 * its limits per minute, so keep it at least a minute in production)
 * @param detailsReads {@code /details} reads to confirm one call
 * @param detailsInterval the wait before the second read; doubles per read (Vipps allows
 * 120 reads a minute per order, far more than this ever makes)
 */
public record RetryPlan(int maxAttempts, Duration firstBackoff, Duration maxWait, int detailsReads,
		Duration detailsInterval) {

	public RetryPlan {
		if (maxAttempts < 1 || detailsReads < 1) {
			throw new IllegalArgumentException("maxAttempts and detailsReads must be at least 1");
		}
		if (firstBackoff == null || firstBackoff.isNegative() || maxWait == null || maxWait.compareTo(firstBackoff) < 0
				|| detailsInterval == null || detailsInterval.isNegative()) {
			throw new IllegalArgumentException("waits must satisfy 0 <= firstBackoff <= maxWait, detailsInterval >= 0");
		}
	}

	/**
	 * What to do after Vipps refused a call (not applied).
	 * @param step the client's next step
	 * @param personMustAct whether a person must act before it can succeed
	 * @param retryAfter the wait Vipps asked for, or {@code null}
	 * @param attemptsMade calls made so far for this command, this one included
	 * @return the move
	 */
	public Move afterRefusal(VippsNextStep step, boolean personMustAct, Duration retryAfter, int attemptsMade) {
		return switch (step) {
			case FIX_REQUEST, GIVE_UP, GIVE_UP_TELL_PERSON -> Move.REPORT;
			case READ_DETAILS_FIRST -> Move.READ_DETAILS;
			case WAIT_FOR_RESERVATION -> Move.AWAIT_RESERVATION;
			case WAIT_THEN_RETRY ->
				(attemptsMade < this.maxAttempts) ? Move.repeatAfter(throttled(retryAfter)) : Move.REPORT;
			// A person must act first (a settlement account to fill): repeating now would
			// only fail again.
			case RETRY_SAME_KEY -> (!personMustAct && attemptsMade < this.maxAttempts)
					? Move.repeatAfter(backoff(attemptsMade)) : Move.REPORT;
		};
	}

	/**
	 * What to do when {@code /details} shows no trace of a call whose outcome was
	 * unknown: it was not applied, so sending it again is safe (capture and refund with
	 * the same {@code X-Request-Id}; a repeated initiate that meets its earlier self gets
	 * "duplicate orderId" and is confirmed again).
	 * @param attemptsMade calls made so far
	 * @return repeat after a back-off, or report it unresolved
	 */
	public Move afterNoTrace(int attemptsMade) {
		return (attemptsMade < this.maxAttempts) ? Move.repeatAfter(backoff(attemptsMade)) : Move.REPORT;
	}

	/**
	 * The wait before the next {@code /details} read.
	 * @param readsMade reads made so far (at least 1)
	 * @return the wait
	 */
	public Duration detailsDelay(int readsMade) {
		return capped(this.detailsInterval, readsMade);
	}

	private Duration backoff(int attemptsMade) {
		return capped(this.firstBackoff, attemptsMade);
	}

	private Duration throttled(Duration retryAfter) {
		Duration wait = (retryAfter != null && !retryAfter.isNegative()) ? retryAfter : this.maxWait;
		return (wait.compareTo(this.maxWait) > 0) ? this.maxWait : wait;
	}

	private Duration capped(Duration first, int done) {
		Duration wait = first.multipliedBy(1L << Math.min(Math.max(done - 1, 0), 20));
		return (wait.compareTo(this.maxWait) > 0) ? this.maxWait : wait;
	}

	/**
	 * The next move.
	 *
	 * @param kind what to do
	 * @param delay for {@link Kind#REPEAT}, the wait before the call; otherwise zero
	 */
	public record Move(Kind kind, Duration delay) {

		/** Report the outcome now. */
		public static final Move REPORT = new Move(Kind.REPORT, Duration.ZERO);

		/** Read {@code /details} before anything else. */
		public static final Move READ_DETAILS = new Move(Kind.READ_DETAILS, Duration.ZERO);

		/** Wait until {@code /details} shows a reservation, then call again. */
		public static final Move AWAIT_RESERVATION = new Move(Kind.AWAIT_RESERVATION, Duration.ZERO);

		static Move repeatAfter(Duration delay) {
			return new Move(Kind.REPEAT, delay);
		}

		/**
		 * Kinds of moves.
		 */
		public enum Kind {

			/** Call again after the wait. */
			REPEAT,

			/** Report the outcome. */
			REPORT,

			/** Read {@code /details} first. */
			READ_DETAILS,

			/** Wait for the reservation. */
			AWAIT_RESERVATION

		}

	}

}
