package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the simulator can be configured with, bound from {@code vipps.simulator.*}
 * in standalone mode and built by {@link VippsSimulator.Builder} in-process. The compact
 * constructor validates, so both paths reject the same mistakes.
 *
 * @param merchants the sales units and their keys
 * @param partners partner key sets
 * @param tokenLifetime access-token lifetime (Vipps test: 1 h)
 * @param seed seed for every random choice (fault rates, ids, auto-approve); null means a
 * random seed
 * @param urlPolicy how merchant URLs are checked
 * @param landingPageTimeout how long the initiate {@code url} stays valid: a payment
 * nobody opens times out after this (Vipps: 5 min)
 * @param appTimeout how long the user has after opening the payment (landing page or app)
 * before it times out (Vipps: 5 min)
 * @param callbackTimeout how long Vipps waits for a callback answer (3 s)
 * @param shippingDetailsTimeout how long Vipps waits for shipping details (10 s)
 * @param consentRemovalTimeout how long the simulator waits for a consent-removal answer
 * (undocumented at Vipps)
 * @param callbackMsnAsNumber send {@code merchantSerialNumber} as a JSON number in
 * callbacks, as the guide's examples do
 * @param expressReservesShippingCost whether an express reservation adds the chosen
 * shipping cost to the amount (undocumented at Vipps)
 * @param rateLimits whether the per-orderId rate limits are enforced
 * @param publicBaseUrl base URL put into landing-page links; empty means the bound
 * address
 * @param gatewayErrorFormat body shape of 401/429 gateway errors
 * @param autoApprove policy for unattended runs
 * @param faults faults active from start, per operation
 * @param orderLock whether concurrent capture/cancel/refund calls on one order get
 * VippsError 94
 * @param strictSystemHeaders whether {@code Vipps-System-*} headers longer than 30
 * characters are rejected (400 InvalidRequest) instead of accepted and recorded
 * @param unverifiedTestUsers phone numbers of test users who never approved a payment in
 * the app: force approve answers them with Payment error 1082
 * @param omitOptionalFields send every answer and callback with only the fields the spec
 * requires (no transactionId, requestId, transactionSummary, optional timestamps...), the
 * leanest documents Vipps may legally send
 * @param exchanges what is kept of the HTTP exchanges (tests read them; load runs turn
 * them off)
 * @param retention how many payments are kept
 */
@ConfigurationProperties("vipps.simulator")
public record SimulatorProperties(List<SimulatedMerchant> merchants, List<SimulatedPartner> partners,
		@DefaultValue("1h") Duration tokenLifetime, Long seed, @DefaultValue("ALLOW_LOCAL_HTTP") UrlPolicy urlPolicy,
		@DefaultValue("5m") Duration landingPageTimeout, @DefaultValue("5m") Duration appTimeout,
		@DefaultValue("3s") Duration callbackTimeout, @DefaultValue("10s") Duration shippingDetailsTimeout,
		@DefaultValue("3s") Duration consentRemovalTimeout, @DefaultValue("true") boolean callbackMsnAsNumber,
		@DefaultValue("false") boolean expressReservesShippingCost, @DefaultValue("true") boolean rateLimits,
		String publicBaseUrl, @DefaultValue("APIM") GatewayErrorFormat gatewayErrorFormat,
		@DefaultValue AutoApprove autoApprove, Map<SimulatedOperation, OperationFaults> faults,
		@DefaultValue OrderLock orderLock, @DefaultValue("false") boolean strictSystemHeaders,
		Set<String> unverifiedTestUsers, @DefaultValue("false") boolean omitOptionalFields,
		@DefaultValue Exchanges exchanges, @DefaultValue Retention retention) {

	public SimulatorProperties {
		merchants = (merchants != null) ? List.copyOf(merchants) : List.of();
		partners = (partners != null) ? List.copyOf(partners) : List.of();
		faults = (faults != null) ? Map.copyOf(faults) : Map.of();
		autoApprove = (autoApprove != null) ? autoApprove : AutoApprove.disabled();
		orderLock = (orderLock != null) ? orderLock : new OrderLock(true);
		unverifiedTestUsers = (unverifiedTestUsers != null) ? Set.copyOf(unverifiedTestUsers) : Set.of();
		exchanges = (exchanges != null) ? exchanges : Exchanges.bounded(Exchanges.DEFAULT_CAPACITY);
		retention = (retention != null) ? retention : new Retention(Retention.DEFAULT_MAX_PAYMENTS);
		for (String phone : unverifiedTestUsers) {
			if (!phone.matches("^\\d{8}$")) {
				throw new IllegalArgumentException(
						"vipps.simulator.unverified-test-users: phone numbers are 8 digits, was " + phone);
			}
		}
		if (merchants.isEmpty() && partners.isEmpty()) {
			throw new IllegalArgumentException("vipps.simulator.merchants: configure at least one merchant");
		}
		Set<String> msns = new HashSet<>();
		for (SimulatedMerchant merchant : merchants) {
			if (!msns.add(merchant.msn())) {
				throw new IllegalArgumentException("vipps.simulator.merchants: duplicate msn " + merchant.msn());
			}
		}
		for (SimulatedPartner partner : partners) {
			if (!msns.containsAll(partner.msns())) {
				throw new IllegalArgumentException("vipps.simulator.partners: partner " + partner.clientId()
						+ " names msns that are not configured merchants: " + partner.msns());
			}
		}
		requirePositive(tokenLifetime, "token-lifetime");
		requirePositive(landingPageTimeout, "landing-page-timeout");
		requirePositive(appTimeout, "app-timeout");
		requirePositive(callbackTimeout, "callback-timeout");
		requirePositive(shippingDetailsTimeout, "shipping-details-timeout");
		requirePositive(consentRemovalTimeout, "consent-removal-timeout");
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("vipps.simulator." + name + " must be positive, was " + duration);
		}
	}

	/**
	 * Body shape of errors Vipps' API gateway produces (401, 429).
	 */
	public enum GatewayErrorFormat {

		/**
		 * {@code {"statusCode":401,"message":"..."}} (Azure API Management).
		 */
		APIM,

		/**
		 * {@code {"responseInfo":{...},"result":{"message":"..."}}} (the spec's
		 * ErrorFromAzure).
		 */
		AZURE

	}

	/**
	 * What the simulator keeps of the HTTP exchanges it takes part in (API calls it
	 * answers, calls it makes to merchants).
	 *
	 * @param recording FULL, BOUNDED or OFF
	 * @param capacity exchanges kept when BOUNDED; the oldest is dropped first
	 */
	public record Exchanges(@DefaultValue("BOUNDED") Recording recording, @DefaultValue("50000") int capacity) {

		/**
		 * Exchanges kept by default.
		 */
		public static final int DEFAULT_CAPACITY = 50_000;

		public Exchanges {
			recording = (recording != null) ? recording : Recording.BOUNDED;
			if (capacity < 1) {
				throw new IllegalArgumentException(
						"vipps.simulator.exchanges.capacity must be at least 1, was " + capacity);
			}
		}

		public static Exchanges bounded(int capacity) {
			return new Exchanges(Recording.BOUNDED, capacity);
		}

		/**
		 * How much is recorded.
		 */
		public enum Recording {

			/**
			 * Every exchange, never dropped: memory grows with every call (short tests).
			 */
			FULL,

			/**
			 * The newest {@code capacity} exchanges.
			 */
			BOUNDED,

			/**
			 * Nothing: {@code exchanges()} is empty (load runs).
			 */
			OFF

		}

	}

	/**
	 * How long the simulator remembers payments. Vipps keeps a payment for years and its
	 * time limits run up to 365 days (refund), which no test process can hold for every
	 * payment of a load run: the bound is a count, and the oldest payment is forgotten
	 * first (its orderId then answers 35, as an unknown one does).
	 *
	 * @param maxPayments payments kept, across all MSNs
	 */
	public record Retention(@DefaultValue("50000") int maxPayments) {

		/**
		 * Payments kept by default.
		 */
		public static final int DEFAULT_MAX_PAYMENTS = 50_000;

		public Retention {
			if (maxPayments < 1) {
				throw new IllegalArgumentException(
						"vipps.simulator.retention.max-payments must be at least 1, was " + maxPayments);
			}
		}

	}

	/**
	 * The per-order lock: while a capture, cancel or refund of an order is in flight,
	 * another one on the same (MSN, orderId) gets VippsError 94 (HTTP 409).
	 *
	 * @param enabled whether the lock is active
	 */
	public record OrderLock(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Unattended-run policy: after {@code delay}, approve a share {@code ratio} of new
	 * payments, and deal with the rest as {@code remainder} says.
	 *
	 * @param enabled whether the policy is active
	 * @param ratio share of payments approved, 0..1
	 * @param delay time between initiation and the simulated user's action
	 * @param remainder what happens to the payments not approved
	 */
	public record AutoApprove(@DefaultValue("false") boolean enabled, @DefaultValue("1.0") double ratio,
			@DefaultValue("2s") Duration delay, @DefaultValue("MIXED") Remainder remainder) {

		public AutoApprove {
			if (ratio < 0 || ratio > 1) {
				throw new IllegalArgumentException("vipps.simulator.auto-approve.ratio must be in [0,1], was " + ratio);
			}
			delay = (delay != null) ? delay : Duration.ofSeconds(2);
			remainder = (remainder != null) ? remainder : Remainder.MIXED;
		}

		public static AutoApprove disabled() {
			return new AutoApprove(false, 1.0, Duration.ofSeconds(2), Remainder.MIXED);
		}

		/**
		 * The fate of payments the policy does not approve.
		 */
		public enum Remainder {

			/**
			 * The user cancels (callback CANCELLED).
			 */
			REJECT,

			/**
			 * The user does nothing (callback REJECTED).
			 */
			TIME_OUT,

			/**
			 * Either, decided by the seeded random.
			 */
			MIXED

		}

	}

	/**
	 * Faults active from start for one operation.
	 *
	 * @param latency added latency
	 * @param jitter random extra latency, up to this much
	 * @param serverErrorRate share of calls answered 500 (not applied)
	 * @param rateLimitRate share of calls answered 429
	 */
	public record OperationFaults(Duration latency, Duration jitter, double serverErrorRate, double rateLimitRate) {

		public OperationFaults {
			latency = (latency != null) ? latency : Duration.ZERO;
			jitter = (jitter != null) ? jitter : Duration.ZERO;
			if (serverErrorRate < 0 || rateLimitRate < 0 || serverErrorRate + rateLimitRate > 1) {
				throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1");
			}
		}

	}

}
