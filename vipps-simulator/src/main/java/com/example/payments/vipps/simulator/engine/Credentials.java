package com.example.payments.vipps.simulator.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPartner;

/**
 * Key sets, access-token issuance and the checks every API call passes first.
 */
public final class Credentials {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final List<SimulatedMerchant> merchants;

	private final List<SimulatedPartner> partners;

	private final Duration lifetime;

	private final SimulatorClock clock;

	private final Random random;

	private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

	// Issue order is expiry order: every token has the same lifetime.
	private final Queue<String> issueOrder = new ConcurrentLinkedQueue<>();

	public Credentials(List<SimulatedMerchant> merchants, List<SimulatedPartner> partners, Duration lifetime,
			SimulatorClock clock, Random random) {
		this.merchants = merchants;
		this.partners = partners;
		this.lifetime = lifetime;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * {@code POST /accesstoken/get}.
	 * @param clientId header client_id
	 * @param clientSecret header client_secret
	 * @param subscriptionKey header Ocp-Apim-Subscription-Key
	 * @return the token and its expiry
	 */
	public IssuedToken issue(String clientId, String clientSecret, String subscriptionKey) {
		requireSubscriptionKey(subscriptionKey);
		boolean known = this.merchants.stream()
			.anyMatch((m) -> m.subscriptionKey().equals(subscriptionKey) && m.clientId().equals(clientId)
					&& constantTimeEquals(m.clientSecret(), clientSecret))
				|| this.partners.stream()
					.anyMatch((p) -> p.subscriptionKey().equals(subscriptionKey) && p.clientId().equals(clientId)
							&& constantTimeEquals(p.clientSecret(), clientSecret));
		if (!known) {
			throw VippsApiException.gateway(401, "Access denied due to invalid client_id or client_secret.");
		}
		Instant now = this.clock.now();
		Instant expiresAt = now.plus(this.lifetime);
		byte[] id = new byte[24];
		this.random.nextBytes(id);
		String header = BASE64URL
			.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
		String payload = BASE64URL.encodeToString(("{\"sub\":\"" + clientId + "\",\"exp\":" + expiresAt.getEpochSecond()
				+ ",\"jti\":\"" + BASE64URL.encodeToString(id) + "\"}")
			.getBytes(StandardCharsets.UTF_8));
		String token = header + "." + payload + "." + BASE64URL.encodeToString(id);
		this.tokens.put(token, new Grant(clientId, subscriptionKey, expiresAt));
		this.issueOrder.add(token);
		return new IssuedToken(token, now, expiresAt, this.lifetime.toSeconds());
	}

	/**
	 * The checks every eCom call passes first: subscription key, bearer token, then the
	 * MSN the keys may act for.
	 * @param authorization the Authorization header
	 * @param subscriptionKey the Ocp-Apim-Subscription-Key header
	 * @param msnHeader the Merchant-Serial-Number header, or null
	 * @return who is calling, for which MSN
	 */
	public Caller authenticate(String authorization, String subscriptionKey, String msnHeader) {
		requireSubscriptionKey(subscriptionKey);
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			throw VippsApiException.gateway(401, "Access denied due to missing or malformed Authorization header.");
		}
		Grant grant = this.tokens.get(authorization.substring("Bearer ".length()));
		if (grant == null || !grant.subscriptionKey().equals(subscriptionKey)) {
			throw VippsApiException.gateway(401, "Access denied due to invalid access token.");
		}
		if (!this.clock.now().isBefore(grant.expiresAt())) {
			throw VippsApiException.gateway(401, "Access denied due to expired access token.");
		}
		for (SimulatedMerchant merchant : this.merchants) {
			if (merchant.subscriptionKey().equals(subscriptionKey) && merchant.clientId().equals(grant.clientId())) {
				if (msnHeader != null && !msnHeader.equals(merchant.msn())) {
					throw VippsApiException.vipps(403, "Merchant", "37",
							"Invalid MSN: " + msnHeader + ". The API keys belong to another sales unit.");
				}
				return new Caller(merchant, false, subscriptionKey);
			}
		}
		for (SimulatedPartner partner : this.partners) {
			if (partner.subscriptionKey().equals(subscriptionKey) && partner.clientId().equals(grant.clientId())) {
				if (msnHeader == null || msnHeader.isBlank()) {
					throw VippsApiException.vipps(403, "Merchant", "37",
							"Partner keys require the Merchant-Serial-Number header.");
				}
				if (!partner.msns().contains(msnHeader)) {
					throw VippsApiException.vipps(403, "Merchant", "37",
							"Invalid MSN: " + msnHeader + ". This MSN is not valid for the provided supermerchant id.");
				}
				return new Caller(merchant(msnHeader), true, subscriptionKey);
			}
		}
		throw VippsApiException.gateway(401, "Access denied due to invalid access token.");
	}

	public SimulatedMerchant merchant(String msn) {
		return this.merchants.stream()
			.filter((m) -> m.msn().equals(msn))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown msn " + msn));
	}

	/**
	 * Every issued token becomes invalid.
	 */
	public void expireAll() {
		this.tokens.clear();
		this.issueOrder.clear();
	}

	/**
	 * Forgets tokens expired in real time (the timer calls this, one thread at a time).
	 * Real time, not the simulator's clock: {@code reset()} turns the clock back, and a
	 * token that is valid again then must still be known.
	 */
	void forgetExpired() {
		Instant now = Instant.now();
		String oldest;
		while ((oldest = this.issueOrder.peek()) != null) {
			Grant grant = this.tokens.get(oldest);
			if (grant != null && now.isBefore(grant.expiresAt())) {
				return;
			}
			this.issueOrder.poll();
			this.tokens.remove(oldest);
		}
	}

	/**
	 * How many issued tokens are remembered (for tests).
	 * @return the number of tokens held
	 */
	int tokensHeld() {
		return this.tokens.size();
	}

	private void requireSubscriptionKey(String subscriptionKey) {
		if (subscriptionKey == null || subscriptionKey.isBlank()) {
			throw VippsApiException.gateway(401,
					"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");
		}
		boolean known = this.merchants.stream().anyMatch((m) -> m.subscriptionKey().equals(subscriptionKey))
				|| this.partners.stream().anyMatch((p) -> p.subscriptionKey().equals(subscriptionKey));
		if (!known) {
			throw VippsApiException.gateway(401,
					"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.");
		}
	}

	private static boolean constantTimeEquals(String expected, String actual) {
		if (actual == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	private record Grant(String clientId, String subscriptionKey, Instant expiresAt) {
	}

	/**
	 * A freshly issued token.
	 *
	 * @param accessToken the token
	 * @param notBefore issue time
	 * @param expiresOn expiry
	 * @param expiresIn lifetime in seconds
	 */
	public record IssuedToken(String accessToken, Instant notBefore, Instant expiresOn, long expiresIn) {
	}

	/**
	 * An authenticated caller.
	 *
	 * @param merchant the sales unit the call is for
	 * @param partner whether partner keys were used
	 * @param subscriptionKey the subscription key (details rate limits count per key)
	 */
	public record Caller(SimulatedMerchant merchant, boolean partner, String subscriptionKey) {

		public String msn() {
			return this.merchant.msn();
		}

	}

}
