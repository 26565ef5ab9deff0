package com.example.payments.vipps.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Access tokens per key set and MSN. A token is reused until {@code refreshMargin} before
 * it expires (the margin is capped at half its lifetime, so a short-lived token is not
 * fetched on every call), and concurrent callers that find no usable token share one
 * in-flight request.
 *
 * @author vipps-client
 */
final class AccessTokenCache {

	private final ConcurrentMap<TokenKey, Slot> slots = new ConcurrentHashMap<>();

	private final Function<TokenKey, Mono<AccessToken>> fetcher;

	private final Clock clock;

	private final Duration refreshMargin;

	AccessTokenCache(Function<TokenKey, Mono<AccessToken>> fetcher, Clock clock, Duration refreshMargin) {
		this.fetcher = fetcher;
		this.clock = clock;
		this.refreshMargin = refreshMargin;
	}

	Mono<AccessToken> token(TokenKey key) {
		return Mono.defer(() -> this.slots.computeIfAbsent(key, (k) -> new Slot()).get(key));
	}

	/**
	 * Forget {@code rejected} (Vipps answered 401 to it), unless another caller already
	 * replaced it: many concurrent 401s then cause one refresh, not many.
	 * @param key the key the token was issued for
	 * @param rejected the token Vipps rejected
	 */
	void invalidate(TokenKey key, AccessToken rejected) {
		Slot slot = this.slots.get(key);
		if (slot != null) {
			slot.invalidate(rejected);
		}
	}

	/**
	 * Which token: the key set, and the MSN it acts for (partner tokens are fetched with
	 * the merchant's {@code Merchant-Serial-Number}, so they are kept per MSN too).
	 */
	record TokenKey(VippsCredentials credentials, String msn) {

	}

	/**
	 * An issued token; the value is a bearer secret and stays out of {@link #toString()}.
	 */
	record AccessToken(String value, Instant issuedAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "AccessToken[value=****, issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
		}

	}

	private final class Slot {

		private AccessToken current;

		private Mono<AccessToken> inFlight;

		synchronized Mono<AccessToken> get(TokenKey key) {
			if (this.current != null && usable(this.current)) {
				return Mono.just(this.current);
			}
			if (this.inFlight == null) {
				this.inFlight = AccessTokenCache.this.fetcher.apply(key)
					.doOnNext(this::store)
					.doFinally((signal) -> clearInFlight())
					.cache();
			}
			return this.inFlight;
		}

		private boolean usable(AccessToken token) {
			Duration lifetime = Duration.between(token.issuedAt(), token.expiresAt());
			Duration margin = AccessTokenCache.this.refreshMargin;
			if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
				margin = lifetime.dividedBy(2);
			}
			return AccessTokenCache.this.clock.instant().isBefore(token.expiresAt().minus(margin));
		}

		private synchronized void store(AccessToken token) {
			this.current = token;
		}

		private synchronized void clearInFlight() {
			this.inFlight = null;
		}

		synchronized void invalidate(AccessToken rejected) {
			if (this.current == rejected) {
				this.current = null;
			}
		}

	}

}
