package com.example.payments.command.archfixture;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * A service calling Vipps with its own WebClient instead of vipps-client.
 */
public final class CommandServiceWithItsOwnWebClient {

	private final WebClient vipps = WebClient.create("https://apitest.vipps.no");

	WebClient vipps() {
		return this.vipps;
	}

}
