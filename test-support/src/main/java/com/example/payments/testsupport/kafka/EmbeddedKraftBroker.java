package com.example.payments.testsupport.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Apache Kafka's own KRaft server ({@code KafkaRaftServer}, one combined broker and
 * controller node) started in this JVM. It listens on exactly the port asked for, which
 * spring-kafka-test's embedded broker cannot promise for KRaft, and it can keep its data
 * in a directory across restarts (formatted once, reused after). Tests use a free port
 * and a temporary directory; the local stack a fixed port and, on request, a kept
 * directory. Starts in a few seconds and needs no Docker.
 */
public final class EmbeddedKraftBroker implements KafkaTestBroker {

	private static final String HOST = "localhost";

	private static final int NODE_ID = 1;

	/**
	 * How often a free port chosen by us may be taken by someone else before we give up.
	 */
	private static final int PORT_ATTEMPTS = 3;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final KafkaRaftServer server;

	private final Path dataDir;

	private final boolean deleteOnClose;

	private final String bootstrapServers;

	private EmbeddedKraftBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, String bootstrapServers) {
		this.server = server;
		this.dataDir = dataDir;
		this.deleteOnClose = deleteOnClose;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Start a single-node KRaft broker whose data lives in a temporary directory that is
	 * deleted on {@link #close()}.
	 * @param port the listener port on localhost, or 0 for a free one
	 * @return the started broker, ready for clients
	 */
	public static EmbeddedKraftBroker start(int port) {
		return start(port, null);
	}

	/**
	 * Start a single-node KRaft broker.
	 * @param port the listener port on localhost, or 0 for a free one
	 * @param dataDir where the logs and metadata live, kept after {@link #close()} and
	 * reused (not formatted again) by the next start; {@code null} for a temporary
	 * directory deleted on close
	 * @return the started broker, ready for clients
	 * @throws IllegalStateException if the port is taken or the broker does not come up
	 */
	public static EmbeddedKraftBroker start(int port, Path dataDir) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Invalid Kafka port " + port);
		}
		boolean temporary = dataDir == null;
		Path directory = prepareDirectory(dataDir);
		try {
			for (int attempt = 1;; attempt++) {
				int brokerPort = (port != 0) ? requireFree(port) : freePort();
				int controllerPort = freePort();
				try {
					return start(directory, temporary, brokerPort, controllerPort);
				}
				catch (RuntimeException ex) {
					// Only a port we picked ourselves can have been taken in between;
					// a port the caller asked for is theirs to sort out.
					if (port != 0 || attempt == PORT_ATTEMPTS || !isBindFailure(ex)) {
						throw ex;
					}
				}
			}
		}
		catch (RuntimeException ex) {
			if (temporary) {
				delete(directory);
			}
			throw ex;
		}
	}

	private static EmbeddedKraftBroker start(Path directory, boolean temporary, int brokerPort, int controllerPort) {
		Map<String, Object> config = config(directory, brokerPort, controllerPort);
		formatUnlessFormatted(directory);
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		try {
			server.startup();
			String bootstrapServers = awaitListening(HOST + ":" + brokerPort);
			return new EmbeddedKraftBroker(server, directory, temporary, bootstrapServers);
		}
		catch (RuntimeException ex) {
			stop(server);
			throw ex;
		}
	}

	private static Map<String, Object> config(Path directory, int brokerPort, int controllerPort) {
		Map<String, Object> config = new HashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", String.valueOf(NODE_ID));
		config.put("listeners",
				"PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		// A static one-voter quorum: the controller's port may differ on every start.
		config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
		config.put("log.dirs", directory.toString());
		config.put("metadata.log.dir", directory.toString());
		// One node holds one replica of everything.
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "5");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("transaction.state.log.num.partitions", "5");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("default.replication.factor", "1");
		config.put("min.insync.replicas", "1");
		// Topics are created on purpose (the topic catalogue), never by a typo.
		config.put("auto.create.topics.enable", "false");
		config.put("group.initial.rebalance.delay.ms", "0");
		return config;
	}

	private static void formatUnlessFormatted(Path directory) {
		if (Files.exists(directory.resolve("meta.properties"))) {
			// Formatted by an earlier start: formatting again would lose every record.
			return;
		}
		Formatter formatter = new Formatter().setNodeId(NODE_ID)
			.setClusterId(Uuid.randomUuid().toString())
			.setDirectories(List.of(directory.toString()))
			.setMetadataLogDirectory(directory.toString())
			.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
			.setControllerListenerName("CONTROLLER")
			.setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
		try {
			formatter.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format the Kafka data directory " + directory, ex);
		}
	}

	private static String awaitListening(String bootstrapServers) {
		// Answering on the listener and listing itself as a node means it is usable; the
		// address returned is the one it advertises, which is what clients get.
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			while (true) {
				try {
					Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
						.nodes()
						.get(10, TimeUnit.SECONDS);
					if (!nodes.isEmpty()) {
						Node node = nodes.iterator().next();
						return node.host() + ":" + node.port();
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Kafka did not answer on " + bootstrapServers + " within "
								+ STARTUP_TIMEOUT.toSeconds() + " s", ex);
					}
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Kafka on " + bootstrapServers
							+ " did not register its broker within " + STARTUP_TIMEOUT.toSeconds() + " s");
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka on " + bootstrapServers, ex);
		}
	}

	private static Path prepareDirectory(Path dataDir) {
		try {
			if (dataDir == null) {
				return Files.createTempDirectory("kraft-broker-");
			}
			return Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the Kafka data directory " + dataDir, ex);
		}
	}

	private static int requireFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(HOST, port));
			return port;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on " + HOST + ":" + port + " (" + ex.getMessage()
					+ "): is another Kafka running? Choose another port.", ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(HOST, 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

	private static boolean isBindFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.BindException
					|| (cause.getMessage() != null && cause.getMessage().contains("failed to bind"))) {
				return true;
			}
		}
		return false;
	}

	private static void stop(KafkaRaftServer server) {
		server.shutdown();
		server.awaitShutdown();
	}

	private static void delete(Path directory) {
		try {
			Utils.delete(directory.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the Kafka data directory " + directory, ex);
		}
	}

	/**
	 * The address clients connect to: the one the broker advertises, on the port it
	 * really listens on.
	 * @return {@code localhost:PORT}
	 */
	@Override
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Where the broker keeps its logs and metadata.
	 * @return the directory
	 */
	public Path dataDir() {
		return this.dataDir;
	}

	@Override
	public void close() {
		stop(this.server);
		if (this.deleteOnClose) {
			delete(this.dataDir);
		}
	}

}
