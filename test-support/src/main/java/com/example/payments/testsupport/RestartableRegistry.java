package com.example.payments.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.example.payments.registry.SchemaRegistryLite;

/**
 * A schema registry that a test stops and starts again on the same port with the same
 * journal, so clients keep their URL and schema ids survive the outage; optionally with
 * other credentials after the restart (a rotated password).
 */
public final class RestartableRegistry implements AutoCloseable {

	private final int port;

	private final Path dataDir;

	private SchemaRegistryLite running;

	private RestartableRegistry(int port, Path dataDir) {
		this.port = port;
		this.dataDir = dataDir;
	}

	/**
	 * A stopped registry on a port that was free a moment ago.
	 * @param dataDir where its journal lives
	 * @return the registry, not started
	 */
	public static RestartableRegistry onFreePort(Path dataDir) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return new RestartableRegistry(socket.getLocalPort(), dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Start without authentication.
	 * @return this registry
	 */
	public RestartableRegistry start() {
		return start(null, null);
	}

	/**
	 * Start, requiring these credentials ({@code null} for none).
	 * @param user the user
	 * @param password the password
	 * @return this registry
	 */
	public RestartableRegistry start(String user, String password) {
		SchemaRegistryLite.Builder builder = SchemaRegistryLite.builder().port(this.port).dataDir(this.dataDir);
		if (user != null) {
			builder.basicAuth(user, password);
		}
		this.running = builder.start();
		return this;
	}

	public void stop() {
		if (this.running != null) {
			this.running.close();
			this.running = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

}
