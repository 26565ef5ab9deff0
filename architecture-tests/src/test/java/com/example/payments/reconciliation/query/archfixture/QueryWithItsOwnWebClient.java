package com.example.payments.reconciliation.query.archfixture;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * A class of the reconciliation service's query package, outside its forwarding to its
 * own instances, with an HTTP client of its own: the exemption does not reach it.
 */
public final class QueryWithItsOwnWebClient {

	private final WebClient vipps = WebClient.create("https://api.vipps.no");

	WebClient vipps() {
		return this.vipps;
	}

}
