package com.example.payments.ingest.web;

/**
 * A request body over the configured limit, found from its {@code Content-Length} or
 * while reading it.
 */
public class BodyTooLargeException extends RuntimeException {

	BodyTooLargeException(long limit) {
		super("the body exceeds the limit of " + limit + " bytes");
	}

}
