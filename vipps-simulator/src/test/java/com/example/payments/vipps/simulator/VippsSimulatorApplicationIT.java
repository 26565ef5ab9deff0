package com.example.payments.vipps.simulator;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application binds {@code vipps-simulator.yml} and serves the same API.
 */
class VippsSimulatorApplicationIT {

	@Test
	void standaloneApplicationServesTheDemoMerchantsFromItsConfiguration() {
		SpringApplication application = new SpringApplication(VippsSimulatorApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", "vipps-simulator"));
		try (ConfigurableApplicationContext context = application.run("--server.port=0", "--vipps.simulator.seed=1")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
			http.post()
				.uri("/accesstoken/get")
				.header("client_id", "demo-client-id")
				.header("client_secret", "demo-client-secret")
				.header("Ocp-Apim-Subscription-Key", "demo-subscription-key")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Vipps-Simulator-Version", "0.1.0")
				.expectBody()
				.jsonPath("$.token_type")
				.isEqualTo("Bearer");
			http.get().uri("/_sim/payments").exchange().expectStatus().isOk().expectBody().json("[]");
			http.get().uri("/actuator/health").exchange().expectStatus().isOk();
			// Not Boot's error page: the gateway's shape, as in-process.
			http.get()
				.uri("/ecomm/v2/nothing")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.statusCode")
				.isEqualTo(404)
				.jsonPath("$.error")
				.doesNotExist();
			http.put().uri("/ecomm/v2/payments/order-1/capture").exchange().expectStatus().isEqualTo(405);
			SimulatorProperties properties = context.getBean(SimulatorProperties.class);
			assertThat(properties.merchants()).extracting(SimulatedMerchant::msn).containsExactly("123456", "654321");
			assertThat(properties.merchants().get(1).directCapture()).isTrue();
			assertThat(properties.urlPolicy()).isEqualTo(UrlPolicy.ALLOW_LOCAL_HTTP);
			assertThat(properties.merchants()).extracting(SimulatedMerchant::name)
				.containsExactly("Acme Socks", "Acme Direct");
			assertThat(properties.exchanges().recording()).isEqualTo(SimulatorProperties.Exchanges.Recording.BOUNDED);
			assertThat(properties.retention().maxPayments()).isEqualTo(50_000);
		}
	}

}
