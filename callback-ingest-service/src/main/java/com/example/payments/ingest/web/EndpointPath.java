package com.example.payments.ingest.web;

import java.net.URI;

/**
 * The path under which this service serves one of the prefixes Vipps builds merchant URLs
 * from ({@code callbackPrefix}, {@code shippingDetailsPrefix},
 * {@code consentRemovalPrefix}). Configured with the same public URL the command service
 * sends to Vipps (only its path counts here: host and scheme belong to the load balancer
 * in front), or with the path alone when a proxy rewrites it.
 *
 * @param path the path without a trailing slash, {@code ""} for the root
 */
public record EndpointPath(String path) {

	private static final String SAFE_PATH = "(/[A-Za-z0-9._~-]+)*";

	public EndpointPath {
		if (path == null || !path.matches(SAFE_PATH)) {
			throw new IllegalArgumentException(
					"an endpoint path must be '' or '/'-separated segments of letters, digits and . _ ~ -, was '" + path
							+ "'");
		}
	}

	/**
	 * The path of a configured prefix.
	 * @param property the property name, for messages
	 * @param prefix an absolute http(s) URL or a path starting with {@code /}
	 * @return its path, without the trailing slash Vipps' string join would double
	 * @throws IllegalArgumentException naming the property when the value is neither
	 */
	public static EndpointPath ofPrefix(String property, String prefix) {
		if (prefix == null || prefix.isBlank()) {
			throw new IllegalArgumentException(property + " is required: the public URL (or its path) Vipps calls");
		}
		String path;
		if (prefix.startsWith("/")) {
			path = prefix;
		}
		else {
			URI uri;
			try {
				uri = URI.create(prefix.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(property + " is not a URL: " + ex.getMessage(), ex);
			}
			if (uri.getHost() == null || uri.getScheme() == null
					|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException(
						property + " must be an http(s) URL without query or fragment, or a path starting with '/'");
			}
			path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		}
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		try {
			return new EndpointPath(path);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The route patterns for what Vipps appends: both the plain join and the {@code //} a
	 * prefix ending in {@code /} produces.
	 * @param suffix what Vipps appends, starting with {@code /}, e.g.
	 * {@code /v2/payments/{orderId}}
	 * @return the two patterns
	 */
	public String[] patterns(String suffix) {
		return new String[] { this.path + suffix, this.path + "/" + suffix };
	}

	/**
	 * The last segment, and the path before it.
	 * @return the parent path
	 * @throws IllegalArgumentException when the path has no segment
	 */
	public EndpointPath parent() {
		if (this.path.isEmpty()) {
			throw new IllegalArgumentException("the root path has no parent");
		}
		return new EndpointPath(this.path.substring(0, this.path.lastIndexOf('/')));
	}

	/**
	 * The last segment of the path.
	 * @return the segment, {@code ""} for the root
	 */
	public String lastSegment() {
		return this.path.substring(this.path.lastIndexOf('/') + 1);
	}

}
