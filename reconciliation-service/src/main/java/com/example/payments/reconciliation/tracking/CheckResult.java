package com.example.payments.reconciliation.tracking;

import java.time.Duration;
import java.time.Instant;

import com.example.payments.schema.PaymentKey;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.model.PaymentDetails;

/**
 * What one check found, back in the tracker's inbox.
 */
public sealed interface CheckResult {

	/**
	 * The payment.
	 * @return its key
	 */
	PaymentKey payment();

	/**
	 * The sequence number of the check.
	 * @return the number the request carried
	 */
	int sequence();

	/**
	 * {@code /details} was read, and the payment's events and commands up to that moment
	 * are in the tracker's state (the poller waited for that before delivering it).
	 *
	 * @param payment the payment
	 * @param sequence the check's number
	 * @param details Vipps' answer
	 * @param learnedAt when it arrived
	 */
	record Read(PaymentKey payment, int sequence, PaymentDetails details, Instant learnedAt) implements CheckResult {

	}

	/**
	 * {@code /details} could not be read.
	 *
	 * @param payment the payment
	 * @param sequence the check's number
	 * @param outcome the check outcome for the metrics
	 * @param retryAfter how long Vipps asked us to wait, or {@code null}
	 * @param failure what went wrong (a {@link VippsApiException} when Vipps answered)
	 */
	record Failed(PaymentKey payment, int sequence, String outcome, Duration retryAfter,
			Throwable failure) implements CheckResult {

	}

	/**
	 * {@code /details} was read, but the tracker's state could not be shown to hold every
	 * event and command written before it (the barrier timed out): the answer is not
	 * used, the check is repeated.
	 *
	 * @param payment the payment
	 * @param sequence the check's number
	 */
	record Unconfirmed(PaymentKey payment, int sequence) implements CheckResult {

	}

}
