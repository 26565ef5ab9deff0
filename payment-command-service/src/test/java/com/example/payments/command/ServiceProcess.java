package com.example.payments.command;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The command service in a JVM of its own, as production runs it, so a test can kill it
 * the hard way ({@code kill -9}: no shutdown hook, no drain, no commit).
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int managementPort;

	private ServiceProcess(Process process, int managementPort) {
		this.process = process;
		this.managementPort = managementPort;
	}

	/**
	 * Start the service with the test's classpath and wait until it is ready.
	 * @param properties {@code name=value} pairs, as command-line arguments
	 * @param log where its output goes
	 * @return the running process
	 */
	static ServiceProcess start(List<String> properties, Path log) {
		int managementPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(PaymentCommandServiceApplication.class.getName());
		command.add("--server.port=0");
		command.add("--management.server.port=" + managementPort);
		properties.forEach((property) -> command.add("--" + property));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			ServiceProcess service = new ServiceProcess(process, managementPort);
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
				}
				return service.ready();
			});
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code kill -9}: the process dies at once, whatever it was doing.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the service did not die within 30 s of kill -9");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean alive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private boolean ready() {
		try {
			HttpResponse<Void> response = HTTP.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path logFile(String name) {
		File directory = new File("target/service-logs");
		directory.mkdirs();
		return new File(directory, name + ".log").toPath();
	}

}
