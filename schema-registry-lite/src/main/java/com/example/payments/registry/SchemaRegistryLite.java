package com.example.payments.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Confluent-compatible schema registry for development and tests. Not for
 * production: production points {@code schema.registry.url} at a real registry.
 *
 * <pre class="code">
 * try (SchemaRegistryLite registry = SchemaRegistryLite.start(0)) {
 *     props.put("schema.registry.url", registry.url());
 * }
 * </pre>
 */
public final class SchemaRegistryLite implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SchemaRegistryLite.class);

	/**
	 * Enough history for any test, bounded so a long-running local registry does not
	 * grow.
	 */
	private static final int RECORDED_REQUESTS_LIMIT = 10_000;

	private final HttpServer server;

	private final ExecutorService executor;

	private final SchemaStore store;

	private final String host;

	private final Deque<RecordedRequest> recordedRequests = new ArrayDeque<>();

	private final RegistryApi api;

	private SchemaRegistryLite(Builder builder) {
		SchemaJournal journal = (builder.dataDir != null) ? SchemaJournal.file(builder.dataDir)
				: SchemaJournal.inMemory();
		this.store = new SchemaStore(builder.compatibility, journal);
		this.host = builder.host;
		String expectedAuthorization = (builder.basicAuthUserInfo != null)
				? "Basic "
						+ Base64.getEncoder().encodeToString(builder.basicAuthUserInfo.getBytes(StandardCharsets.UTF_8))
				: null;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "schema-registry-lite-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 0);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("Cannot listen on " + builder.host + ":" + builder.port, ex);
		}
		this.api = new RegistryApi(this.store, expectedAuthorization, this::record);
		this.server.createContext("/", this.api);
		this.server.setExecutor(this.executor);
		this.server.start();
		logger.info(
				"schema-registry-lite listening on {} ({}, default compatibility {}{}); for development and tests only",
				url(), journal.describe(), this.store.globalLevel(),
				(expectedAuthorization != null) ? ", basic auth required" : "");
	}

	/**
	 * Start an in-memory registry on loopback.
	 * @param port the port, 0 for a random free one
	 * @return the running registry
	 */
	public static SchemaRegistryLite start(int port) {
		return builder().port(port).start();
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The base URL to use as {@code schema.registry.url}.
	 * @return the URL, e.g. {@code http://127.0.0.1:8081}
	 */
	public String url() {
		String advertised = ("0.0.0.0".equals(this.host) || "::".equals(this.host)) ? "127.0.0.1" : this.host;
		return "http://" + advertised + ":" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The registry's state, for tests that want to arrange or inspect it directly.
	 * @return the store
	 */
	public SchemaStore store() {
		return this.store;
	}

	/**
	 * The requests answered so far, oldest first (at most the last 10,000).
	 * @return a snapshot
	 */
	public List<RecordedRequest> recordedRequests() {
		synchronized (this.recordedRequests) {
			return new ArrayList<>(this.recordedRequests);
		}
	}

	public void clearRecordedRequests() {
		synchronized (this.recordedRequests) {
			this.recordedRequests.clear();
		}
	}

	private void record(RecordedRequest request) {
		synchronized (this.recordedRequests) {
			if (this.recordedRequests.size() == RECORDED_REQUESTS_LIMIT) {
				this.recordedRequests.removeFirst();
			}
			this.recordedRequests.addLast(request);
		}
	}

	/**
	 * Let requests in flight finish (up to a second), then stop.
	 */
	@Override
	public void close() {
		// HttpServer.stop(delay) waits the whole delay even when idle (fixed only in
		// later JDKs), which would make every test pay a second; so drain ourselves and
		// stop at once.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (this.api.inFlight() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		this.server.stop(0);
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(2, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
		logger.info("schema-registry-lite on port {} stopped", port());
	}

	/**
	 * Run as a process: {@code java -jar schema-registry-lite-exec.jar --port 8081}.
	 * @param args see {@link LaunchOptions}
	 */
	public static void main(String[] args) {
		LaunchOptions options;
		try {
			options = LaunchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LaunchOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(LaunchOptions.USAGE);
			return;
		}
		SchemaRegistryLite registry = builder().host(options.host())
			.port(options.port())
			.dataDir(options.dataDir())
			.compatibility(options.compatibility())
			.start();
		// The HTTP dispatcher thread keeps the JVM alive; SIGTERM/Ctrl-C runs this hook.
		Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "schema-registry-lite-shutdown"));
	}

	/**
	 * How to start a {@link SchemaRegistryLite}.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private Path dataDir;

		private CompatibilityLevel compatibility = CompatibilityLevel.BACKWARD;

		private String basicAuthUserInfo;

		private Builder() {
		}

		/**
		 * The address to bind; loopback by default, {@code 0.0.0.0} in a container.
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * The port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Keep state in a journal file under this directory so ids survive restarts;
		 * {@code null} (the default) keeps everything in memory.
		 * @param dataDir the directory
		 * @return this builder
		 */
		public Builder dataDir(Path dataDir) {
			this.dataDir = dataDir;
			return this;
		}

		/**
		 * The global compatibility level at first start (BACKWARD by default, as in
		 * Confluent); a level set over REST and journaled wins over this on restart.
		 * @param compatibility the level
		 * @return this builder
		 */
		public Builder compatibility(CompatibilityLevel compatibility) {
			this.compatibility = Objects.requireNonNull(compatibility, "compatibility");
			return this;
		}

		/**
		 * Require HTTP basic authentication with these credentials on every request.
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder basicAuth(String username, String password) {
			this.basicAuthUserInfo = username + ":" + password;
			return this;
		}

		public SchemaRegistryLite start() {
			return new SchemaRegistryLite(this);
		}

	}

}
