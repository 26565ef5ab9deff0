package com.example.payments.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.ingest.consent.domain.SourceAllowlist;
import com.example.payments.ingest.web.EndpointPath;
import com.example.payments.schema.Topics;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The configuration of callback-ingest-service ({@code ingest.*}). Checked when bound: a
 * missing secret or an invalid prefix fails the start with a message naming the property.
 * Secrets never appear in {@code toString()}.
 *
 * @param callbackPrefix the {@code callbackPrefix} the command service gives Vipps (its
 * public URL, or the path this service sees); routes {@code {path}/v2/payments/{orderId}}
 * @param shippingDetailsPrefix the {@code shippingDetailsPrefix}; routes
 * {@code {path}/v2/payments/{orderId}/shippingDetails}
 * @param consentRemovalPrefix the {@code consentRemovalPrefix}, whose last path segment
 * is the secret that authenticates the call (at least 32 characters of
 * {@code [A-Za-z0-9_-]}); routes {@code {path}/v2/consents/{userId}}
 * @param callbackSecret the secret of the authTokens (HMAC of {@code msn:orderId}),
 * shared with the command service, at least 32 bytes
 * @param previousCallbackSecret the secret before the last rotation, accepted too, or
 * {@code null}
 * @param maxBodySize the largest callback or shipping-details body read; larger ones get
 * 413
 * @param publishing how events are written to Kafka
 * @param shipping how shipping-details calls are answered
 * @param consent how consent-removal calls are checked and published
 */
@ConfigurationProperties("ingest")
public record IngestProperties(@DefaultValue("/vipps/callbacks") String callbackPrefix,
		@DefaultValue("/vipps/shipping") String shippingDetailsPrefix, String consentRemovalPrefix,
		String callbackSecret, String previousCallbackSecret, @DefaultValue("16KB") DataSize maxBodySize,
		@DefaultValue Publishing publishing, @DefaultValue Shipping shipping, @DefaultValue Consent consent) {

	/** The shortest consent-removal secret segment accepted. */
	static final int MIN_CONSENT_SECRET_LENGTH = 32;

	public IngestProperties {
		EndpointPath.ofPrefix("ingest.callback-prefix", callbackPrefix);
		EndpointPath.ofPrefix("ingest.shipping-details-prefix", shippingDetailsPrefix);
		consentSecret(EndpointPath.ofPrefix("ingest.consent-removal-prefix", consentRemovalPrefix).lastSegment(),
				"ingest.consent-removal-prefix's last path segment");
		try {
			new CallbackAuthTokens(callbackSecret, previousCallbackSecret);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("ingest.callback-secret / ingest.previous-callback-secret: "
					+ ex.getMessage() + " (shared with the command service)", ex);
		}
		if (maxBodySize == null || maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > 1024 * 1024) {
			throw new IllegalArgumentException("ingest.max-body-size must be between 1KB and 1MB, was " + maxBodySize);
		}
		for (String previous : consent.previousSecrets()) {
			consentSecret(previous, "ingest.consent.previous-secrets");
		}
	}

	private static void consentSecret(String secret, String what) {
		if (secret == null || secret.length() < MIN_CONSENT_SECRET_LENGTH || !secret.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalArgumentException(what + " is the secret that authenticates Vipps' consent-removal calls "
					+ "(Vipps sends no Authorization header there): it must be at least " + MIN_CONSENT_SECRET_LENGTH
					+ " characters of A-Z a-z 0-9 _ -");
		}
	}

	/**
	 * The callback secrets.
	 * @return tokens checking the current and the previous secret
	 */
	public CallbackAuthTokens callbackTokens() {
		return new CallbackAuthTokens(this.callbackSecret, this.previousCallbackSecret);
	}

	/**
	 * The consent-removal secrets: the last segment of the prefix, then the previous
	 * ones.
	 * @return the secrets
	 */
	public List<String> consentSecrets() {
		List<String> secrets = new ArrayList<>();
		secrets.add(EndpointPath.ofPrefix("ingest.consent-removal-prefix", this.consentRemovalPrefix).lastSegment());
		secrets.addAll(this.consent.previousSecrets());
		return List.copyOf(secrets);
	}

	private static void require(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException(message);
		}
	}

	@Override
	public String toString() {
		return "IngestProperties[callbackPrefix=" + this.callbackPrefix + ", shippingDetailsPrefix="
				+ this.shippingDetailsPrefix
				+ ", consentRemovalPrefix=****, callbackSecret=****, previousCallbackSecret="
				+ ((this.previousCallbackSecret != null) ? "****" : "none") + ", maxBodySize=" + this.maxBodySize
				+ ", publishing=" + this.publishing + ", shipping=" + this.shipping + ", consent=" + this.consent + "]";
	}

	/**
	 * How events are written ({@code ingest.publishing.*}).
	 *
	 * @param eventsTopic the topic of payment events
	 * @param timeout how long a call waits for Kafka to acknowledge its events before it
	 * is answered 503 (Vipps waits 3 s for a callback and never retries)
	 * @param maxPendingRecords records sent but not yet acknowledged or failed by Kafka
	 * above which calls are answered 503 at once (so the producer's buffer never fills
	 * and {@code send} never blocks an event-loop thread)
	 */
	public record Publishing(@DefaultValue(Topics.PAYMENT_EVENTS) String eventsTopic,
			@DefaultValue("1500ms") Duration timeout, @DefaultValue("20000") int maxPendingRecords) {

		public Publishing {
			require(eventsTopic != null && !eventsTopic.isBlank(), "ingest.publishing.events-topic must not be blank");
			require(timeout != null && timeout.toMillis() >= 50 && timeout.compareTo(Duration.ofMillis(2500)) <= 0,
					"ingest.publishing.timeout must be between 50ms and 2500ms (Vipps waits 3 s), was " + timeout);
			require(maxPendingRecords >= 1, "ingest.publishing.max-pending-records must be at least 1");
		}

	}

	/**
	 * How shipping-details calls are answered ({@code ingest.shipping.*}).
	 *
	 * @param rulesTopic the compacted topic of every payment's shipping rules
	 * @param merchantSerialNumbers the MSNs this deployment serves: a call for a payment
	 * without rules is authenticated against them, to answer it with the defaults
	 * @param defaultOptions the options for a payment whose rules are unknown
	 */
	public record Shipping(@DefaultValue(Topics.PAYMENT_SHIPPING_RULES) String rulesTopic,
			@DefaultValue List<String> merchantSerialNumbers, @DefaultValue List<DefaultOption> defaultOptions) {

		public Shipping {
			require(rulesTopic != null && !rulesTopic.isBlank(), "ingest.shipping.rules-topic must not be blank");
			merchantSerialNumbers = List.copyOf(merchantSerialNumbers);
			for (String msn : merchantSerialNumbers) {
				require(msn.matches("\\d{5,6}"),
						"ingest.shipping.merchant-serial-numbers must be 5-6 digit MSNs, was " + msn);
			}
			defaultOptions = List.copyOf(defaultOptions);
			require(defaultOptions.stream().filter(DefaultOption::isDefault).count() <= 1,
					"ingest.shipping.default-options may mark at most one option as default");
		}

	}

	/**
	 * A shipping option offered when a payment's rules are unknown
	 * ({@code ingest.shipping.default-options[i].*}).
	 *
	 * @param methodId the merchant's id of the method
	 * @param method the name shown in the app
	 * @param cost the cost in øre (4900 is 49 NOK)
	 * @param isDefault pre-selected
	 * @param priority display order, or {@code null}
	 */
	public record DefaultOption(String methodId, String method, long cost, @DefaultValue("false") boolean isDefault,
			Integer priority) {

		public DefaultOption {
			require(methodId != null && !methodId.isBlank() && methodId.length() <= 100,
					"ingest.shipping.default-options[].method-id must be 1-100 characters");
			require(method != null && !method.isBlank() && method.length() <= 256,
					"ingest.shipping.default-options[].method must be 1-256 characters");
			require(cost >= 0, "ingest.shipping.default-options[].cost is øre and must not be negative");
		}

	}

	/**
	 * How consent-removal calls are checked and published ({@code ingest.consent.*}).
	 *
	 * @param topic the topic of {@code ConsentRevoked}
	 * @param previousSecrets secret segments of earlier consent-removal prefixes, still
	 * accepted (Vipps keeps each payment's prefix for as long as the user may withdraw
	 * consent)
	 * @param allowedSources CIDR blocks or IP addresses allowed to call; empty allows
	 * every address (behind a load balancer, see the README on
	 * {@code server.forward-headers-strategy})
	 */
	public record Consent(@DefaultValue(Topics.PAYMENT_CONSENTS) String topic,
			@DefaultValue List<String> previousSecrets, @DefaultValue List<String> allowedSources) {

		public Consent {
			require(topic != null && !topic.isBlank(), "ingest.consent.topic must not be blank");
			previousSecrets = List.copyOf(previousSecrets);
			allowedSources = List.copyOf(allowedSources);
			try {
				SourceAllowlist.of(allowedSources);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("ingest.consent.allowed-sources: " + ex.getMessage(), ex);
			}
		}

		@Override
		public String toString() {
			return "Consent[topic=" + this.topic + ", previousSecrets=" + this.previousSecrets.size()
					+ ", allowedSources=" + this.allowedSources + "]";
		}

	}

}
