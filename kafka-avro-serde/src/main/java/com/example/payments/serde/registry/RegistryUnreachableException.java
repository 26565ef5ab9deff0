package com.example.payments.serde.registry;

import java.util.List;

/**
 * No configured registry URL could be reached (connection refused, timeout, I/O error).
 */
public final class RegistryUnreachableException extends SchemaRegistryException {

	private final List<String> urlsTried;

	public RegistryUnreachableException(String request, List<String> urlsTried, Throwable cause) {
		super("Schema registry unreachable for " + request + ": tried " + urlsTried + " (last error: " + cause + ")", 0,
				0, cause);
		this.urlsTried = List.copyOf(urlsTried);
	}

	/**
	 * The registry URLs tried, in order, without credentials.
	 * @return the URLs
	 */
	public List<String> urlsTried() {
		return this.urlsTried;
	}

}
