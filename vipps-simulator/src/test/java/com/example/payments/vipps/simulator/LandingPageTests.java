package com.example.payments.vipps.simulator;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page's words and ways back, over plain HTTP (the browser test covers the
 * layout): final pages redirect to {@code fallBack}, error pages say what happened in
 * plain words and link back to the shop.
 */
class LandingPageTests {

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void approvingSendsThePersonBackToTheFallBackAfterAFewSeconds() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		String page = act(sim, initiate(sim, orderId, "https://shop.example.com/result/" + orderId), "approve");
		assertThat(page).contains("<title>Payment approved - Acme Socks</title>")
			.contains("<meta http-equiv=\"refresh\" content=\"5;url=https://shop.example.com/result/" + orderId + "\">")
			.contains("id=\"fallback\" href=\"https://shop.example.com/result/" + orderId + "\"")
			.contains("id=\"order\">" + orderId + "<")
			.contains("200,00 kr");
	}

	@Test
	void anIntentFallBackGetsWordsInsteadOfARedirect() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String page = act(sim, initiate(sim, SimulatorFixture.orderId(), "INTENT"), "reject");
		assertThat(page).contains("Payment cancelled")
			.contains("You can now return to Acme Socks's app.")
			.doesNotContain("http-equiv=\"refresh\"")
			.doesNotContain("href=\"INTENT\"");
	}

	@Test
	void anExpiredLinkSaysSoInPlainWordsAndLinksBackToTheShop() {
		VippsSimulator sim = this.fixture.start((builder) -> builder.landingPageTimeout(Duration.ofHours(1)));
		String orderId = SimulatorFixture.orderId();
		String url = initiate(sim, orderId, "https://shop.example.com/result/" + orderId);
		sim.advanceClock(Duration.ofHours(1));
		String page = WebTestClient.bindToServer()
			.build()
			.get()
			.uri(url)
			.exchange()
			.expectStatus()
			.isEqualTo(410)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("Payment expired")
			.contains("Nothing was charged")
			.contains("id=\"fallback\" href=\"https://shop.example.com/result/" + orderId + "\"");
	}

	@Test
	void anUnknownLinkIsNotFoundWithoutInternals() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String page = WebTestClient.bindToServer()
			.baseUrl(sim.baseUrl())
			.build()
			.get()
			.uri("/dwo-api-application/v1/deeplink/vippsgateway?v=2&token=nope")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("This payment link is not valid").doesNotContain("nope");
	}

	@Test
	void aFailedStepIsToldInPlainWordsAndTheCauseStaysInTheLog() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String url = initiate(sim, SimulatorFixture.orderId(), "https://shop.example.com/r");
		String token = url.split("=", 3)[2];
		String page = post(sim, token, "approve-twice-please");
		assertThat(page).contains("Something went wrong")
			.contains("Nothing was charged")
			.doesNotContain("approve-twice-please")
			.contains("href=\"https://shop.example.com/r\"");
	}

	private String initiate(VippsSimulator sim, String orderId, String fallBack) {
		return this.fixture.client(sim)
			.initiate(VippsTestClient.regular(MSN, orderId, 20000, this.fixture.merchant.baseUrl())
				.replace("https://shop.example.com/result/" + orderId, fallBack))
			.json()
			.get("url")
			.asString();
	}

	private static String act(VippsSimulator sim, String url, String action) {
		WebTestClient.bindToServer().build().get().uri(url).exchange().expectStatus().isOk();
		return post(sim, url.split("=", 3)[2], action);
	}

	private static String post(VippsSimulator sim, String token, String action) {
		return WebTestClient.bindToServer()
			.baseUrl(sim.baseUrl())
			.build()
			.post()
			.uri("/dwo-api-application/v1/deeplink/vippsgateway/actions")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token).with("action", action))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
