package com.example.payments.serde.registry;

import java.util.List;

/**
 * No configured registry URL gave a usable answer: each one could not be reached
 * (connection refused, timeout, I/O error) or answered that it cannot serve now (HTTP
 * 5xx, 408 or 429). A transient fault: the same request may succeed later.
 */
public final class RegistryUnreachableException extends SchemaRegistryException {

	private final List<String> urlsTried;

	/**
	 * Create the exception.
	 * @param request the request, e.g. {@code GET /schemas/ids/7}
	 * @param attempts what each URL did, in order, e.g.
	 * {@code http://a:8081 (ConnectException)}, {@code http://b:8081 (503)}
	 * @param urlsTried the URLs tried, without credentials
	 * @param lastStatus the last HTTP status answered, or 0 if no URL answered
	 * @param cause the last I/O failure, if any
	 */
	public RegistryUnreachableException(String request, List<String> attempts, List<String> urlsTried, int lastStatus,
			Throwable cause) {
		super("Schema registry unavailable for " + request + ": tried " + attempts, lastStatus, lastStatus, cause);
		this.urlsTried = List.copyOf(urlsTried);
	}

	/**
	 * The registry URLs tried, in order, without credentials.
	 * @return the URLs
	 */
	public List<String> urlsTried() {
		return this.urlsTried;
	}

	private RegistryUnreachableException(RegistryUnreachableException original, String topic, String subject) {
		super(original, topic, subject);
		this.urlsTried = original.urlsTried;
	}

	@Override
	public RegistryUnreachableException resolving(String topic, String subject) {
		return topic().isPresent() ? this : new RegistryUnreachableException(this, topic, subject);
	}

}
