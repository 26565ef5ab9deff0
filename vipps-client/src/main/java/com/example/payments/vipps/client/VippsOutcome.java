package com.example.payments.vipps.client;

import java.time.Duration;
import java.util.function.Function;

import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsErrorClassification;
import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsNextStep;

/**
 * How a mutating Vipps call (initiate, capture, cancel, refund) ended: exactly one of
 * <ul>
 * <li>{@link Applied}: Vipps answered 2xx, so it happened (even when the body could not
 * be read);</li>
 * <li>{@link NotApplied}: Vipps refused it, or it never reached Vipps: nothing
 * happened;</li>
 * <li>{@link Unknown}: it may have happened (timeout or lost connection after the request
 * was written, 5xx, gateway errors, "reason unknown" codes). Never "failed": read
 * {@code /details} first.</li>
 * </ul>
 * The three do not share a "failure" supertype on purpose, so that unknown cannot be
 * handled as failed by accident. On Java 17, {@link #fold} gives a compiler-checked
 * switch over the three.
 *
 * @param <T> the response model of the operation
 * @author vipps-client
 */
public sealed interface VippsOutcome<T> permits VippsOutcome.Applied, VippsOutcome.NotApplied, VippsOutcome.Unknown {

	/**
	 * The operation called.
	 * @return the operation
	 */
	VippsOperation operation();

	/**
	 * The MSN the call was made for.
	 * @return the MSN, as given by the caller
	 */
	String msn();

	/**
	 * The order.
	 * @return the order id, as given by the caller
	 */
	String orderId();

	/**
	 * One function per outcome; the one matching this outcome is applied.
	 * @param <R> the result type
	 * @param applied for {@link Applied}
	 * @param notApplied for {@link NotApplied}
	 * @param unknown for {@link Unknown}
	 * @return the function's result
	 */
	<R> R fold(Function<? super Applied<T>, ? extends R> applied,
			Function<? super NotApplied<T>, ? extends R> notApplied, Function<? super Unknown<T>, ? extends R> unknown);

	/**
	 * Vipps answered 2xx: the operation happened. When the body could not be read
	 * completely, {@link #response()} holds what could be read (fields that could not be
	 * read are {@code null}, or 0 for amounts), or is {@code null}, and
	 * {@link #readProblem()} says what was wrong; read {@code /details} for the numbers.
	 *
	 * @param <T> the response model
	 * @param operation the operation
	 * @param msn the MSN
	 * @param orderId the order id
	 * @param httpStatus the 2xx status
	 * @param response the answer as far as it could be read, or {@code null} when nothing
	 * could (empty or non-JSON body)
	 * @param rawBody the body as received (UTF-8), {@code ""} when empty
	 * @param readProblem what could not be read, or {@code null} when the body was read
	 * completely
	 */
	record Applied<T>(VippsOperation operation, String msn, String orderId, int httpStatus, T response, String rawBody,
			String readProblem) implements VippsOutcome<T> {

		/**
		 * Whether {@link #response()} is complete.
		 * @return {@code true} when the body was read without problems
		 */
		public boolean fullyRead() {
			return this.readProblem == null;
		}

		@Override
		public <R> R fold(Function<? super Applied<T>, ? extends R> applied,
				Function<? super NotApplied<T>, ? extends R> notApplied,
				Function<? super Unknown<T>, ? extends R> unknown) {
			return applied.apply(this);
		}

	}

	/**
	 * Nothing happened at Vipps: it refused the call, throttled it, or never received it
	 * (connection not established, access token not obtained, the client's own
	 * validation). {@link #nextStep()} says what to do.
	 *
	 * @param <T> the response model
	 * @param operation the operation
	 * @param msn the MSN
	 * @param orderId the order id
	 * @param failure what Vipps (or the network, or the client) said
	 * @param classification what it means
	 */
	record NotApplied<T>(VippsOperation operation, String msn, String orderId, VippsFailure failure,
			VippsErrorClassification classification) implements VippsOutcome<T> {

		/**
		 * What the caller does next.
		 * @return the next step
		 */
		public VippsNextStep nextStep() {
			return this.classification.nextStep();
		}

		/**
		 * The category for {@code PaymentCommandFailed.errorCategory}.
		 * @return the category
		 */
		public VippsErrorCategory category() {
			return this.classification.category();
		}

		/**
		 * Whether a person must act before this can succeed.
		 * @return whether to alert a person
		 */
		public boolean personMustAct() {
			return this.classification.personMustAct();
		}

		/**
		 * The wait before {@link VippsNextStep#WAIT_THEN_RETRY}.
		 * @return the wait, or {@code null} for other next steps
		 */
		public Duration retryAfter() {
			return this.classification.retryAfter();
		}

		@Override
		public <R> R fold(Function<? super Applied<T>, ? extends R> applied,
				Function<? super NotApplied<T>, ? extends R> notApplied,
				Function<? super Unknown<T>, ? extends R> unknown) {
			return notApplied.apply(this);
		}

	}

	/**
	 * The call may or may not have happened at Vipps. Never report it as failed and never
	 * answer it with a new command: {@link VippsNextStep#READ_DETAILS_FIRST} (for capture
	 * and refund, a later repeat with the same {@code X-Request-Id} is safe; initiate and
	 * cancel are never repeated before {@code /details} says they did not happen).
	 *
	 * @param <T> the response model
	 * @param operation the operation
	 * @param msn the MSN
	 * @param orderId the order id
	 * @param failure what was observed (HTTP status and Vipps error, or the transport
	 * failure)
	 * @param classification what it means
	 */
	record Unknown<T>(VippsOperation operation, String msn, String orderId, VippsFailure failure,
			VippsErrorClassification classification) implements VippsOutcome<T> {

		/**
		 * What the caller does next: always {@link VippsNextStep#READ_DETAILS_FIRST}.
		 * @return the next step
		 */
		public VippsNextStep nextStep() {
			return this.classification.nextStep();
		}

		/**
		 * The category of what was observed (e.g. {@code TRANSPORT} for a timeout).
		 * @return the category
		 */
		public VippsErrorCategory category() {
			return this.classification.category();
		}

		@Override
		public <R> R fold(Function<? super Applied<T>, ? extends R> applied,
				Function<? super NotApplied<T>, ? extends R> notApplied,
				Function<? super Unknown<T>, ? extends R> unknown) {
			return unknown.apply(this);
		}

	}

}
