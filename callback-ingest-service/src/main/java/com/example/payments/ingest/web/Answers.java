package com.example.payments.ingest.web;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.kafka.NotPublishedException;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The answers every endpoint gives when it does not act on a call: a JSON body that says
 * what is wrong ({@code {"error": "wrong_token", "message": "..."}}) with the refusal's
 * status, or 503 when the events could not be made durable in time.
 */
public final class Answers {

	private Answers() {
	}

	/**
	 * The answer to a refused call.
	 * @param refusal why it is refused
	 * @return 400, 401, 403 or 413 with the JSON error body
	 */
	public static Mono<ServerResponse> refused(Refusal refusal) {
		return error(refusal.reason().httpStatus(), refusal.reason().tag(), refusal.message());
	}

	/**
	 * The answer when the events were not published: Vipps does not retry, so
	 * reconciliation finds the facts later.
	 * @param failure why
	 * @return 503 with the JSON error body
	 */
	public static Mono<ServerResponse> unavailable(NotPublishedException failure) {
		return error(503, "unavailable_" + failure.reason().tag(), failure.getMessage());
	}

	private static Mono<ServerResponse> error(int status, String error, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new ErrorBody(error, message));
	}

	/**
	 * The JSON error body.
	 *
	 * @param error the kind of error, e.g. {@code wrong_token}
	 * @param message what is wrong
	 */
	public record ErrorBody(String error, String message) {
	}

}
