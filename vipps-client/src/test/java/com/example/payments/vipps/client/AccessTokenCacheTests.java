package com.example.payments.vipps.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.vipps.client.AccessTokenCache.AccessToken;
import com.example.payments.vipps.client.AccessTokenCache.TokenKey;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AccessTokenCache}: sharing, refresh margin and invalidation. The
 * fetcher here is the cache's seam (a function), not a fake of Vipps; fetching from the
 * simulator is covered by the integration tests.
 *
 * @author vipps-client
 */
class AccessTokenCacheTests {

	private static final TokenKey KEY = new TokenKey(new VippsCredentials("id", "secret", "key"), "123456");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T12:00:00Z"));

	private final AtomicInteger fetches = new AtomicInteger();

	@Test
	void concurrentCallersShareOneInFlightFetch() {
		Sinks.One<AccessToken> pending = Sinks.one();
		AccessTokenCache cache = new AccessTokenCache((key) -> {
			this.fetches.incrementAndGet();
			return pending.asMono();
		}, this.clock, Duration.ofMinutes(5));
		List<Mono<AccessToken>> callers = List.of(cache.token(KEY), cache.token(KEY), cache.token(KEY));
		Mono<List<AccessToken>> all = Flux.merge(callers).collectList().cache();
		all.subscribe();
		pending.tryEmitValue(token("t1", Duration.ofHours(1)));
		assertThat(all.block(Duration.ofSeconds(5))).extracting(AccessToken::value).containsOnly("t1");
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void reusesATokenUntilTheRefreshMarginBeforeExpiry() {
		AccessTokenCache cache = countingCache(Duration.ofHours(1), Duration.ofMinutes(5));
		assertThat(cache.token(KEY).block()).extracting(AccessToken::value).isEqualTo("t1");
		this.clock.advance(Duration.ofMinutes(54));
		assertThat(cache.token(KEY).block()).extracting(AccessToken::value).isEqualTo("t1");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(cache.token(KEY).block()).extracting(AccessToken::value).isEqualTo("t2");
	}

	@Test
	void capsTheMarginAtHalfTheLifetimeOfShortLivedTokens() {
		AccessTokenCache cache = countingCache(Duration.ofMinutes(2), Duration.ofMinutes(5));
		cache.token(KEY).block();
		cache.token(KEY).block();
		assertThat(this.fetches).as("a 2 min token is not refetched on every call with a 5 min margin").hasValue(1);
		this.clock.advance(Duration.ofSeconds(61));
		cache.token(KEY).block();
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void invalidatesOnlyTheRejectedToken() {
		AccessTokenCache cache = countingCache(Duration.ofHours(1), Duration.ofMinutes(5));
		AccessToken first = cache.token(KEY).block();
		cache.invalidate(KEY, first);
		AccessToken second = cache.token(KEY).block();
		cache.invalidate(KEY, first);
		assertThat(cache.token(KEY).block()).isSameAs(second);
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void fetchesAgainAfterAFailedFetch() {
		AtomicInteger calls = new AtomicInteger();
		AccessTokenCache cache = new AccessTokenCache((key) -> (calls.incrementAndGet() == 1)
				? Mono.error(new IllegalStateException("down")) : Mono.just(token("t2", Duration.ofHours(1))),
				this.clock, Duration.ofMinutes(5));
		assertThat(cache.token(KEY).onErrorResume((ex) -> Mono.empty()).block()).isNull();
		assertThat(cache.token(KEY).block()).extracting(AccessToken::value).isEqualTo("t2");
	}

	@Test
	void keepsTokensPerKeySetAndMsn() {
		AccessTokenCache cache = countingCache(Duration.ofHours(1), Duration.ofMinutes(5));
		cache.token(KEY).block();
		cache.token(new TokenKey(KEY.credentials(), "654321")).block();
		assertThat(this.fetches).hasValue(2);
	}

	private AccessTokenCache countingCache(Duration lifetime, Duration margin) {
		return new AccessTokenCache(
				(key) -> Mono.fromSupplier(() -> token("t" + this.fetches.incrementAndGet(), lifetime)), this.clock,
				margin);
	}

	private AccessToken token(String value, Duration lifetime) {
		Instant now = this.clock.instant();
		return new AccessToken(value, now, now.plus(lifetime));
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
