package com.example.payments.serde.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach the registry, read from Confluent's property names so a configuration
 * written for Confluent's serde works unchanged.
 *
 * @param endpoints the registry URLs in failover order, with their credentials
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param latestCacheTtl how long a subject's latest version is cached; negative: forever
 */
public record RegistryClientConfig(List<Endpoint> endpoints, Duration connectTimeout, Duration requestTimeout,
		Duration latestCacheTtl) {

	/** Comma-separated registry URLs, tried in order on connection failure. */
	public static final String URL = "schema.registry.url";

	/** {@code URL} (credentials in the URL's user-info) or {@code USER_INFO}. */
	public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";

	/** {@code user:password} when the credentials source is USER_INFO. */
	public static final String USER_INFO = "basic.auth.user.info";

	/** The older spelling of {@link #USER_INFO}, still accepted. */
	public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";

	/** Connect timeout in milliseconds. */
	public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

	/** Request (read) timeout in milliseconds. */
	public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

	/** Seconds a subject's latest version stays cached; -1 forever. */
	public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

	static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	public RegistryClientConfig {
		endpoints = List.copyOf(endpoints);
		if (endpoints.isEmpty()) {
			throw new ConfigException(URL, "", "at least one schema registry URL is required");
		}
	}

	/**
	 * Read the configuration from Kafka client properties.
	 * @param configs the properties
	 * @return the configuration
	 * @throws ConfigException naming the offending property
	 */
	public static RegistryClientConfig parse(Map<String, ?> configs) {
		List<String> urls = urls(configs.get(URL));
		if (urls.isEmpty()) {
			throw new ConfigException("Missing required configuration \"" + URL
					+ "\": the comma-separated URL(s) of the schema registry, e.g. http://localhost:8081");
		}
		String source = string(configs.get(CREDENTIALS_SOURCE)).orElse("URL").trim().toUpperCase(Locale.ROOT);
		Optional<String> userInfo = switch (source) {
			case "URL" -> Optional.empty();
			case "USER_INFO" -> Optional.of(userInfo(configs));
			default -> throw new ConfigException(CREDENTIALS_SOURCE, source,
					"supported credential sources are USER_INFO and URL");
		};
		List<Endpoint> endpoints = new ArrayList<>();
		for (String url : urls) {
			endpoints.add(Endpoint.of(url, userInfo));
		}
		return new RegistryClientConfig(endpoints, millis(configs, CONNECT_TIMEOUT_MS).orElse(DEFAULT_CONNECT_TIMEOUT),
				millis(configs, READ_TIMEOUT_MS).orElse(DEFAULT_REQUEST_TIMEOUT),
				number(configs, LATEST_CACHE_TTL_SEC).map(Duration::ofSeconds).orElse(Duration.ofSeconds(-1)));
	}

	private static List<String> urls(Object value) {
		List<String> urls = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			collection.forEach((url) -> urls.addAll(urls(url)));
		}
		else if (value != null) {
			Arrays.stream(value.toString().split(","))
				.map(String::trim)
				.filter((url) -> !url.isEmpty())
				.forEach(urls::add);
		}
		return urls;
	}

	private static String userInfo(Map<String, ?> configs) {
		Optional<String> value = string(configs.get(USER_INFO)).or(() -> string(configs.get(PREFIXED_USER_INFO)));
		// Never echo the value: it is a secret.
		if (value.isEmpty() || !value.get().contains(":")) {
			throw new ConfigException(CREDENTIALS_SOURCE + "=USER_INFO needs " + USER_INFO + " (or "
					+ PREFIXED_USER_INFO + ") in the form user:password");
		}
		return value.get();
	}

	private static Optional<Duration> millis(Map<String, ?> configs, String name) {
		return number(configs, "schema.registry." + name).or(() -> number(configs, name)).map((ms) -> {
			if (ms <= 0) {
				throw new ConfigException(name, ms, "must be a positive number of milliseconds");
			}
			return Duration.ofMillis(ms);
		});
	}

	private static Optional<Long> number(Map<String, ?> configs, String name) {
		return string(configs.get(name)).map((text) -> {
			try {
				return Long.parseLong(text.trim());
			}
			catch (NumberFormatException ex) {
				throw new ConfigException(name, text, "must be a whole number");
			}
		});
	}

	private static Optional<String> string(Object value) {
		if (value instanceof Password password) {
			return Optional.ofNullable(password.value()).filter((text) -> !text.isBlank());
		}
		return Optional.ofNullable(value).map(Object::toString).filter((text) -> !text.isBlank());
	}

	/**
	 * One registry URL and the credentials to send it.
	 *
	 * @param baseUrl the URL without credentials and trailing slash
	 * @param authorization the {@code Authorization} header value, if any
	 */
	public record Endpoint(String baseUrl, Optional<String> authorization) {

		static Endpoint of(String url, Optional<String> userInfo) {
			URI uri;
			try {
				uri = new URI(url);
			}
			catch (URISyntaxException ex) {
				throw new ConfigException(URL, redact(url), "not a valid URL: " + ex.getReason());
			}
			if (uri.getScheme() == null || uri.getHost() == null
					|| !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
				throw new ConfigException(URL, redact(url), "expected http(s)://host[:port][/path]");
			}
			String path = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
			String base = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
					+ path;
			Optional<String> credentials = userInfo.or(() -> Optional.ofNullable(uri.getUserInfo()));
			return new Endpoint(base, credentials
				.map((info) -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8))));
		}

		private static String redact(String url) {
			return url.replaceAll("//[^/@]*@", "//***@");
		}

		@Override
		public String toString() {
			return this.baseUrl + (this.authorization.isPresent() ? " (with basic auth)" : "");
		}

	}

}
