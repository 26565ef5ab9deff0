package com.example.payments.ingest.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.kafka.NotPublishedException;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import com.example.payments.vipps.client.callback.CallbackStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's meters, created once so a call costs a few increments (never an orderId
 * as a tag):
 * <ul>
 * <li>{@code ingest.callbacks{status, outcome}}: callbacks by the guide's status
 * ({@code none} when unreadable) and outcome ({@code published}, {@code refused},
 * {@code unavailable});</li>
 * <li>{@code ingest.callback.delay{status}}: from Vipps' {@code timeStamp} to our 200
 * answer;</li>
 * <li>{@code ingest.shipping.details{outcome}}: shipping-details answers ({@code quoted},
 * {@code fallback} for a payment without rules, {@code refused}), timed;</li>
 * <li>{@code ingest.consent.removals{outcome}}: {@code published}, {@code refused},
 * {@code unavailable};</li>
 * <li>{@code ingest.refused{endpoint, reason}}: calls not acted on, by
 * {@link Refusal.Reason#tag()};</li>
 * <li>{@code ingest.unavailable{endpoint, cause}}: 503 answers, by
 * {@link NotPublishedException.Cause#tag()};</li>
 * <li>{@code ingest.authenticated{endpoint, secret}}: accepted tokens by secret
 * ({@code current}, {@code previous}: when the latter stays at zero, the previous secret
 * can be dropped).</li>
 * </ul>
 */
public final class IngestMetrics {

	private final Map<String, Counter> callbacks = new HashMap<>();

	private final Map<CallbackStatus, Timer> callbackDelays = new EnumMap<>(CallbackStatus.class);

	private final Map<Endpoint, Map<Refusal.Reason, Counter>> refused = new EnumMap<>(Endpoint.class);

	private final Map<Endpoint, Map<NotPublishedException.Cause, Counter>> unavailable = new EnumMap<>(Endpoint.class);

	private final Map<Endpoint, Map<CallbackAuthTokens.Verdict, Counter>> authenticated = new EnumMap<>(Endpoint.class);

	private final Map<String, Timer> shippingDetails = new HashMap<>();

	private final Map<String, Counter> consentRemovals = new HashMap<>();

	/**
	 * Register the meters.
	 * @param meters the registry
	 */
	public IngestMetrics(MeterRegistry meters) {
		String[] statuses = Arrays.stream(CallbackStatus.values()).map(Enum::name).toArray(String[]::new);
		for (String status : concat(statuses, "none")) {
			for (String outcome : new String[] { "published", "refused", "unavailable" }) {
				this.callbacks.put(status + outcome,
						Counter.builder("ingest.callbacks")
							.description("Vipps callbacks by status and outcome")
							.tag("status", status)
							.tag("outcome", outcome)
							.register(meters));
			}
		}
		for (CallbackStatus status : CallbackStatus.values()) {
			this.callbackDelays.put(status,
					Timer.builder("ingest.callback.delay")
						.description("From Vipps' timeStamp of the operation to our 200 answer of its callback")
						.tag("status", status.name())
						.publishPercentileHistogram()
						.register(meters));
		}
		for (String outcome : new String[] { "quoted", "fallback", "refused" }) {
			this.shippingDetails.put(outcome,
					Timer.builder("ingest.shipping.details")
						.description("Shipping-details answers: from rules, from the defaults, or refused")
						.tag("outcome", outcome)
						.publishPercentileHistogram()
						.register(meters));
		}
		for (String outcome : new String[] { "published", "refused", "unavailable" }) {
			this.consentRemovals.put(outcome,
					Counter.builder("ingest.consent.removals")
						.description("Consent-removal calls by outcome")
						.tag("outcome", outcome)
						.register(meters));
		}
		for (Endpoint endpoint : Endpoint.values()) {
			Map<Refusal.Reason, Counter> byReason = new EnumMap<>(Refusal.Reason.class);
			for (Refusal.Reason reason : Refusal.Reason.values()) {
				byReason.put(reason,
						Counter.builder("ingest.refused")
							.description("Calls not acted on, by endpoint and reason")
							.tag("endpoint", endpoint.tag())
							.tag("reason", reason.tag())
							.register(meters));
			}
			this.refused.put(endpoint, byReason);
			Map<NotPublishedException.Cause, Counter> byCause = new EnumMap<>(NotPublishedException.Cause.class);
			for (NotPublishedException.Cause cause : NotPublishedException.Cause.values()) {
				byCause.put(cause,
						Counter.builder("ingest.unavailable")
							.description("Calls answered 503 because their events were not published")
							.tag("endpoint", endpoint.tag())
							.tag("cause", cause.tag())
							.register(meters));
			}
			this.unavailable.put(endpoint, byCause);
			Map<CallbackAuthTokens.Verdict, Counter> bySecret = new EnumMap<>(CallbackAuthTokens.Verdict.class);
			bySecret.put(CallbackAuthTokens.Verdict.VALID, authenticated(meters, endpoint, "current"));
			bySecret.put(CallbackAuthTokens.Verdict.VALID_PREVIOUS_SECRET, authenticated(meters, endpoint, "previous"));
			this.authenticated.put(endpoint, bySecret);
		}
	}

	private static Counter authenticated(MeterRegistry meters, Endpoint endpoint, String secret) {
		return Counter.builder("ingest.authenticated")
			.description("Calls whose authToken was accepted, by the secret that made it")
			.tag("endpoint", endpoint.tag())
			.tag("secret", secret)
			.register(meters);
	}

	private static String[] concat(String[] values, String value) {
		String[] all = Arrays.copyOf(values, values.length + 1);
		all[values.length] = value;
		return all;
	}

	/**
	 * A callback was answered.
	 * @param status its status tag
	 * @param outcome {@code published}, {@code refused} or {@code unavailable}
	 */
	public void callback(String status, String outcome) {
		Counter counter = this.callbacks.get(status + outcome);
		if (counter != null) {
			counter.increment();
		}
	}

	/**
	 * A callback was answered 200 this long after Vipps' timestamp of the operation.
	 * @param status its status
	 * @param delay the delay; negative (clock skew) counts as zero
	 */
	public void callbackDelay(CallbackStatus status, Duration delay) {
		this.callbackDelays.get(status).record(delay.isNegative() ? Duration.ZERO : delay);
	}

	/**
	 * A shipping-details call was answered.
	 * @param outcome {@code quoted}, {@code fallback} or {@code refused}
	 * @param nanos the time from receiving it to answering
	 */
	public void shippingDetails(String outcome, long nanos) {
		this.shippingDetails.get(outcome).record(Duration.ofNanos(nanos));
	}

	/**
	 * A consent-removal call was answered.
	 * @param outcome {@code published}, {@code refused} or {@code unavailable}
	 */
	public void consentRemoval(String outcome) {
		this.consentRemovals.get(outcome).increment();
	}

	/**
	 * A call was refused.
	 * @param endpoint the endpoint
	 * @param reason why
	 */
	public void refused(Endpoint endpoint, Refusal.Reason reason) {
		this.refused.get(endpoint).get(reason).increment();
	}

	/**
	 * A call was answered 503.
	 * @param endpoint the endpoint
	 * @param cause why its events were not published
	 */
	public void unavailable(Endpoint endpoint, NotPublishedException.Cause cause) {
		this.unavailable.get(endpoint).get(cause).increment();
	}

	/**
	 * A call's token was accepted.
	 * @param endpoint the endpoint
	 * @param verdict which secret made it
	 */
	public void authenticated(Endpoint endpoint, CallbackAuthTokens.Verdict verdict) {
		Counter counter = this.authenticated.get(endpoint).get(verdict);
		if (counter != null) {
			counter.increment();
		}
	}

	/**
	 * The endpoints, as metric tags.
	 */
	public enum Endpoint {

		/** {@code POST {callbackPrefix}/v2/payments/{orderId}}. */
		CALLBACK,

		/** {@code POST {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails}. */
		SHIPPING_DETAILS,

		/** {@code DELETE {consentRemovalPrefix}/v2/consents/{userId}}. */
		CONSENT_REMOVAL;

		/**
		 * The tag value.
		 * @return e.g. {@code shipping_details}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
