package com.example.payments.vipps.simulator.engine;

import com.example.payments.vipps.simulator.UrlPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merchant URLs under each {@link UrlPolicy}, and what a {@code fallBack} may be.
 */
class MerchantUrlTests {

	private final InitiateValidator byDefault = new InitiateValidator(UrlPolicy.ALLOW_LOCAL_HTTP);

	private final InitiateValidator strict = new InitiateValidator(UrlPolicy.STRICT);

	private final InitiateValidator anyHttp = new InitiateValidator(UrlPolicy.ALLOW_HTTP);

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8082/vipps", "http://LOCALHOST/x", "http://127.0.0.1:8082/vipps",
			"http://127.9.8.7/x", "http://[::1]:8080/x", "https://shop.example.com/vipps", "https://localhost/x" })
	void theDefaultAcceptsHttpsAndPlainHttpToLoopbackHosts(String url) {
		assertThat(this.byDefault.urlProblem(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://shop.example.com/vipps", "http://10.0.0.5/x", "http://192.168.1.2:8080/x",
			"http://localhost.shop.example.com/x", "http://127.0.0.1.nip.io/x", "http://callback-ingest:8082/x",
			"ftp://localhost/x" })
	void theDefaultRefusesPlainHttpToAnyOtherHost(String url) {
		assertThat(this.byDefault.urlProblem(url)).contains("HTTPS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://shop.example.com/vipps", "https://localhost/x", "https://127.0.0.1/x",
			"https://[::1]/x", "https://10.0.0.5/x", "https://intranet/x" })
	void strictRefusesPlainHttpAndLocalHostsLikeVipps(String url) {
		assertThat(this.strict.urlProblem(url)).isNotNull();
	}

	@Test
	void strictAcceptsAPublicHttpsUrl() {
		assertThat(this.strict.urlProblem("https://shop.example.com/vipps/callbacks")).isNull();
	}

	@Test
	void allowHttpAcceptsPlainHttpToAContainerHostButNoOtherScheme() {
		assertThat(this.anyHttp.urlProblem("http://callback-ingest-service:8082/vipps")).isNull();
		assertThat(this.anyHttp.urlProblem("ftp://callback-ingest-service/vipps")).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INTENT", "myapp://vipps/result?order=1", "no.acme.shop://result",
			"https://shop.example.com/result" })
	void fallBackMayBeAnAppUrlOrIntentWithoutIsApp(String fallBack) {
		assertThat(this.strict.fallBackProblem(fallBack, false)).isNull();
		assertThat(this.strict.fallBackProblem(fallBack, true)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript://%0aalert(1)", "javascript:alert(1)", "data://text/html,x",
			"file:///etc/passwd", "intent", "myapp:result", "shop.example.com/result", " https://shop.example.com/r" })
	void fallBackRefusesWhatIsNeitherHttpsNorAnAppUrlNorIntentEvenWithIsApp(String fallBack) {
		assertThat(this.byDefault.fallBackProblem(fallBack, false)).isNotNull();
		assertThat(this.byDefault.fallBackProblem(fallBack, true)).isNotNull();
	}

	@Test
	void anHttpFallBackFollowsThePolicyUnlessIsApp() {
		assertThat(this.byDefault.fallBackProblem("http://shop.example.com/result", false)).contains("HTTPS");
		assertThat(this.byDefault.fallBackProblem("http://localhost:8080/result", false)).isNull();
		assertThat(this.byDefault.fallBackProblem("http://shop.example.com/result", true)).isNull();
	}

}
