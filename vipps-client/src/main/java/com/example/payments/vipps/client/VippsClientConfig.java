package com.example.payments.vipps.client;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@link VippsClient} needs, immutable and checked when built. {@code null}
 * components take the documented defaults, so services can bind it with Spring Boot's
 * {@code Binder} from sparse properties (see the module README).
 *
 * @param baseUrl Vipps' base URL ({@code https://api.vipps.no},
 * {@code https://apitest.vipps.no} or a simulator); required
 * @param system the {@code Vipps-System-*} headers; required
 * @param merchants sales units using their own keys: MSN to credentials
 * @param partner partner keys used for every MSN not in {@code merchants}, or
 * {@code null}
 * @param connectTimeout socket connect timeout (default 2 s; Vipps recommends at least 1
 * s)
 * @param readTimeout time to wait for the response (default 10 s; Vipps recommends at
 * least 5 s)
 * @param retry retry bounds and backoff
 * @param tokenRefreshMargin how long before expiry a cached access token is replaced
 * (default 5 min, capped at half the token's lifetime)
 * @param allowInsecureLocalUrls accept {@code http://localhost} (and loopback) callback
 * and fallBack URLs; for tests and the local stack only (default false)
 * @param maxConnections the most connections to Vipps open at once (default
 * {@value #DEFAULT_MAX_CONNECTIONS}); with calls of {@code t} seconds the client makes at
 * most {@code maxConnections / t} calls a second, and up to twice as many calls wait for
 * a connection (for at most {@code connectTimeout + readTimeout})
 * @author vipps-client
 */
public record VippsClientConfig(URI baseUrl, VippsSystemInfo system, Map<String, VippsCredentials> merchants,
		VippsCredentials partner, Duration connectTimeout, Duration readTimeout, RetrySettings retry,
		Duration tokenRefreshMargin, boolean allowInsecureLocalUrls, Integer maxConnections) {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Default read (response) timeout. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

	/** Default token refresh margin. */
	public static final Duration DEFAULT_TOKEN_REFRESH_MARGIN = Duration.ofMinutes(5);

	/** Default size of the connection pool. */
	public static final int DEFAULT_MAX_CONNECTIONS = 200;

	public VippsClientConfig {
		if (baseUrl == null || baseUrl.getHost() == null
				|| !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
			throw new IllegalArgumentException("Vipps baseUrl must be an absolute http(s) URL, was " + baseUrl);
		}
		if (system == null) {
			throw new IllegalArgumentException("Vipps system info (Vipps-System-* headers) is required");
		}
		merchants = (merchants != null) ? Map.copyOf(merchants) : Map.of();
		merchants.forEach((msn, credentials) -> {
			if (!VippsRequestValidator.MSN.matcher(msn).matches()) {
				throw new IllegalArgumentException("Merchant serial numbers are 5-6 digits, got '" + msn + "'");
			}
			if (credentials == null) {
				throw new IllegalArgumentException("No credentials for MSN " + msn);
			}
		});
		if (merchants.isEmpty() && partner == null) {
			throw new IllegalArgumentException("Configure credentials for at least one MSN, or partner keys");
		}
		connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
		readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
		retry = (retry != null) ? retry : RetrySettings.defaults();
		tokenRefreshMargin = (tokenRefreshMargin != null) ? tokenRefreshMargin : DEFAULT_TOKEN_REFRESH_MARGIN;
		if (tokenRefreshMargin.isNegative()) {
			throw new IllegalArgumentException("tokenRefreshMargin must not be negative");
		}
		maxConnections = (maxConnections != null) ? maxConnections : DEFAULT_MAX_CONNECTIONS;
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
		}
	}

	private static Duration positive(Duration value, Duration fallback, String name) {
		Duration result = (value != null) ? value : fallback;
		if (result.isZero() || result.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + result);
		}
		return result;
	}

	/**
	 * The keys to use for calls on behalf of {@code msn}: its own if configured, else the
	 * partner keys.
	 * @param msn the merchant serial number
	 * @return the credentials, or {@code null} if none apply
	 */
	public VippsCredentials credentialsFor(String msn) {
		VippsCredentials own = this.merchants.get(msn);
		return (own != null) ? own : this.partner;
	}

	@Override
	public String toString() {
		return "VippsClientConfig[baseUrl=" + this.baseUrl + ", system=" + this.system + ", merchants=" + this.merchants
				+ ", partner=" + this.partner + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + ", retry=" + this.retry + ", tokenRefreshMargin=" + this.tokenRefreshMargin
				+ ", allowInsecureLocalUrls=" + this.allowInsecureLocalUrls + ", maxConnections=" + this.maxConnections
				+ "]";
	}

	/**
	 * A builder with the defaults filled in.
	 * @param baseUrl Vipps' base URL
	 * @param system the {@code Vipps-System-*} headers
	 * @return the builder
	 */
	public static Builder builder(String baseUrl, VippsSystemInfo system) {
		return new Builder(URI.create(baseUrl), system);
	}

	/**
	 * Retry bounds and backoff for retryable failures (see {@link VippsRetryPolicy}). A
	 * retry waits {@code min(maxBackoff, initialBackoff * 2^(n-1))}, reduced by up to
	 * {@code jitter} (a fraction), and at least as long as a {@code Retry-After}.
	 *
	 * @param maxAttempts attempts in total, including the first (default 3; 1 disables
	 * retries)
	 * @param initialBackoff wait before the first retry (default 200 ms)
	 * @param maxBackoff cap on one wait (default 2 s)
	 * @param maxTotalTime no retry is started that would end its wait later than this
	 * after the first attempt began (default 15 s)
	 * @param jitter fraction 0..1 of random reduction of each wait (default 0.25)
	 */
	public record RetrySettings(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
			Duration maxTotalTime, Double jitter) {

		public RetrySettings {
			maxAttempts = (maxAttempts != null) ? maxAttempts : 3;
			initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofMillis(200);
			maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(2);
			maxTotalTime = (maxTotalTime != null) ? maxTotalTime : Duration.ofSeconds(15);
			jitter = (jitter != null) ? jitter : 0.25;
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("retry.maxAttempts must be at least 1");
			}
			if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException("retry backoff must satisfy 0 <= initialBackoff <= maxBackoff");
			}
			if (maxTotalTime.isNegative()) {
				throw new IllegalArgumentException("retry.maxTotalTime must not be negative");
			}
			if (jitter < 0 || jitter > 1) {
				throw new IllegalArgumentException("retry.jitter must be within 0..1");
			}
		}

		/**
		 * The defaults.
		 * @return 3 attempts, 200 ms .. 2 s, 15 s in total, 25% jitter
		 */
		public static RetrySettings defaults() {
			return new RetrySettings(null, null, null, null, null);
		}

	}

	/**
	 * Builds a {@link VippsClientConfig}.
	 */
	public static final class Builder {

		private final URI baseUrl;

		private final VippsSystemInfo system;

		private final Map<String, VippsCredentials> merchants = new LinkedHashMap<>();

		private VippsCredentials partner;

		private Duration connectTimeout;

		private Duration readTimeout;

		private RetrySettings retry;

		private Duration tokenRefreshMargin;

		private boolean allowInsecureLocalUrls;

		private Integer maxConnections;

		private Builder(URI baseUrl, VippsSystemInfo system) {
			this.baseUrl = baseUrl;
			this.system = system;
		}

		public Builder merchant(String msn, VippsCredentials credentials) {
			this.merchants.put(msn, credentials);
			return this;
		}

		public Builder partner(VippsCredentials credentials) {
			this.partner = credentials;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
			this.tokenRefreshMargin = tokenRefreshMargin;
			return this;
		}

		public Builder allowInsecureLocalUrls(boolean allowInsecureLocalUrls) {
			this.allowInsecureLocalUrls = allowInsecureLocalUrls;
			return this;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		public VippsClientConfig build() {
			return new VippsClientConfig(this.baseUrl, this.system, this.merchants, this.partner, this.connectTimeout,
					this.readTimeout, this.retry, this.tokenRefreshMargin, this.allowInsecureLocalUrls,
					this.maxConnections);
		}

	}

}
