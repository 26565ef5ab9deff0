package com.example.payments.vipps.simulator.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under measurement in its own JVM, so its CPU time is its own and the load
 * generator's is not counted.
 */
final class BenchProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private BenchProcess(String name, Process process, Path log, int port) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts {@code mainClass} of this classpath in a new JVM and waits until it answers
	 * {@code GET healthPath}.
	 * @param name for messages
	 * @param mainClass the main class
	 * @param jvmOptions JVM options
	 * @param arguments program arguments; {@code {port}} is replaced by a free port
	 * @param healthPath the path that answers 200 once the server is up
	 * @return the running process
	 * @throws IOException when it cannot start
	 */
	static BenchProcess start(String name, String mainClass, List<String> jvmOptions, List<String> arguments,
			String healthPath) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		arguments.forEach((argument) -> command.add(argument.replace("{port}", String.valueOf(port))));
		Path log = Files.createTempFile("bench-" + name + "-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		BenchProcess started = new BenchProcess(name, process, log, port);
		try {
			started.awaitHealthy(healthPath, Duration.ofSeconds(180));
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * CPU time the process has used so far, all its threads (event loops, timers, GC,
	 * JIT).
	 * @return user + system time
	 */
	Duration cpuTime() {
		return this.process.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of " + this.name));
	}

	private void awaitHealthy(String healthPath, Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		URI uri = URI.create("http://127.0.0.1:" + this.port + healthPath);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + "; log: " + this.log);
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + this.name, ex);
			}
			pause();
		}
		throw new IllegalStateException(
				this.name + " did not answer " + uri + " within " + timeout + "; log: " + this.log);
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
