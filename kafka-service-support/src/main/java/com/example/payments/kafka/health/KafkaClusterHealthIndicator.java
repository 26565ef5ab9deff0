package com.example.payments.kafka.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when the Kafka cluster answers a {@code describeCluster} within the timeout and has
 * at least one broker. While the cluster answers, one admin client serves every check, so
 * a probe costs one small request and no new connection. After a failed check the client
 * is closed and the next check makes a new one from the bootstrap servers: an admin
 * client left running against an unreachable cluster retries and logs in the background
 * (hundreds of lines a second once it starts re-bootstrapping), between checks too.
 */
public final class KafkaClusterHealthIndicator implements HealthIndicator, DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private Admin admin;

	/**
	 * Create the indicator.
	 * @param clientConfig the Kafka client configuration the service uses (bootstrap
	 * servers, security); timeouts are set here
	 * @param timeout how long a check may take
	 */
	public KafkaClusterHealthIndicator(Map<String, Object> clientConfig, Duration timeout) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 10_000));
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "payments-readiness");
		// A failed check starts over from the bootstrap servers anyway (see above).
		config.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
		this.adminConfig = Map.copyOf(config);
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		Object bootstrapServers = this.adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		Health.Builder health = new Health.Builder().withDetail("bootstrapServers", String.valueOf(bootstrapServers));
		String error;
		try {
			DescribeClusterResult cluster = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
			long waitMillis = this.timeout.toMillis() + 500;
			Collection<Node> brokers = cluster.nodes().get(waitMillis, TimeUnit.MILLISECONDS);
			String clusterId = cluster.clusterId().get(waitMillis, TimeUnit.MILLISECONDS);
			health.withDetail("clusterId", String.valueOf(clusterId)).withDetail("brokers", brokers.size());
			if (!brokers.isEmpty()) {
				return health.up().build();
			}
			error = "the cluster has no broker";
		}
		catch (ExecutionException ex) {
			error = describe(ex.getCause());
		}
		catch (TimeoutException ex) {
			error = "no answer within " + this.timeout.toMillis() + " ms";
		}
		catch (KafkaException ex) {
			// A configuration the admin client refuses (an unresolvable host): not ready,
			// and the next check tries again.
			error = describe(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		discardAdmin();
		return health.down().withDetail("error", error).build();
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.adminConfig);
		}
		return this.admin;
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		// The root cause says what is wrong ("Invalid url in bootstrap.servers: ...").
		return (root != ex) ? text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : text;
	}

	private synchronized void discardAdmin() {
		if (this.admin != null) {
			// Nothing to finish: the check has its answer.
			this.admin.close(Duration.ZERO);
			this.admin = null;
		}
	}

	@Override
	public void destroy() {
		discardAdmin();
	}

}
