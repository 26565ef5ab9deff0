package com.example.payments.reconciliation.query;

import com.example.payments.reconciliation.config.ReconciliationProperties;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * This instance's address for other instances: the configured host and the port the
 * application's web server listens on (known once it started, before Kafka Streams
 * starts).
 */
@Component
public class AdvertisedAddress implements ApplicationListener<WebServerInitializedEvent> {

	private final String host;

	private volatile int port = -1;

	public AdvertisedAddress(ReconciliationProperties properties) {
		this.host = properties.query().advertisedHost();
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// The management server has its own context; its port is not ours.
		if (event.getApplicationContext().getParent() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	/**
	 * The address as Kafka Streams' {@code application.server} takes it.
	 * @return {@code host:port}
	 * @throws IllegalStateException before the web server has started
	 */
	public String hostAndPort() {
		if (this.port < 0) {
			throw new IllegalStateException("The web server has not started yet: no port to advertise");
		}
		return this.host + ":" + this.port;
	}

	/**
	 * Whether an owner Kafka Streams named is this instance.
	 * @param owner the owner
	 * @return true when it is us
	 */
	boolean isSelf(HostInfo owner) {
		return owner.host().equals(this.host) && owner.port() == this.port;
	}

}
