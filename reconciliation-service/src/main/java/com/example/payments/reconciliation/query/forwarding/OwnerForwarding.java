package com.example.payments.reconciliation.query.forwarding;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Relays a {@code GET} to another instance of this service and its answer back: status,
 * body, content type and the headers the query API defines.
 */
public final class OwnerForwarding {

	private final WebClient instances = WebClient.create();

	private final Duration timeout;

	/**
	 * Create the forwarding.
	 * @param timeout how long the owner may take
	 */
	public OwnerForwarding(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Ask the owner.
	 * @param host its host
	 * @param port its port
	 * @param path the path, with the query API's own values only
	 * @param headers headers to send
	 * @param relayed response headers to pass back
	 * @return the owner's answer; an error when it did not answer in time
	 */
	public Mono<ResponseEntity<Object>> get(String host, int port, String path, HttpHeaders headers,
			String... relayed) {
		return this.instances.get()
			.uri("http://" + host + ":" + port + path)
			.headers((sent) -> sent.addAll(headers))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.timeout(this.timeout)
			.map((answer) -> {
				ResponseEntity.BodyBuilder relay = ResponseEntity.status(answer.getStatusCode());
				if (answer.getHeaders().getContentType() != null) {
					relay.contentType(answer.getHeaders().getContentType());
				}
				for (String name : relayed) {
					String value = answer.getHeaders().getFirst(name);
					if (value != null) {
						relay.header(name, value);
					}
				}
				return relay.body(answer.getBody());
			});
	}

}
