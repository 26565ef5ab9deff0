package com.example.payments.reconciliation.config;

import java.time.Clock;
import java.util.Properties;

import com.example.payments.kafka.streams.SkipUnknownEventTypes;
import com.example.payments.kafka.streams.StreamsAvroSerdes;
import com.example.payments.reconciliation.polling.DetailsPoller;
import com.example.payments.reconciliation.polling.OffsetsBarrier;
import com.example.payments.reconciliation.query.AdvertisedAddress;
import com.example.payments.reconciliation.tracking.ReconciliationMetrics;
import com.example.payments.reconciliation.tracking.ReconciliationTopology;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsClientConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The reconciliation service's wiring. The Streams error handling (registry faults wait,
 * poison is dead-lettered, threads are replaced after a back-off) comes from
 * {@code kafka-service-support} by auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(ReconciliationProperties.class)
public class ReconciliationConfiguration {

	/**
	 * The Vipps client of this service, bound from {@code vipps.client.*} with its own
	 * retries always off: a failed read is simply the next rung of the ladder, and
	 * retries inside one check would multiply the calls the ladder documents.
	 * @param environment the environment
	 * @param meters the meter registry
	 * @return the client
	 */
	@Bean(destroyMethod = "close")
	VippsClient vippsClient(Environment environment, MeterRegistry meters) {
		VippsClientConfig bound = Binder.get(environment).bind("vipps.client", VippsClientConfig.class).get();
		return VippsClient.create(withoutRetries(bound), meters);
	}

	static VippsClientConfig withoutRetries(VippsClientConfig config) {
		VippsClientConfig.RetrySettings retry = config.retry();
		return new VippsClientConfig(config.baseUrl(), config.system(), config.merchants(), config.partner(),
				config.connectTimeout(), config.readTimeout(),
				new VippsClientConfig.RetrySettings(1, retry.initialBackoff(), retry.maxBackoff(), retry.maxTotalTime(),
						retry.jitter()),
				config.tokenRefreshMargin(), config.allowInsecureLocalUrls(), config.maxConnections());
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ReconciliationMetrics reconciliationMetrics(MeterRegistry meters) {
		return new ReconciliationMetrics(meters);
	}

	@Bean(destroyMethod = "close")
	Admin reconciliationAdmin(KafkaAdmin kafkaAdmin) {
		return Admin.create(kafkaAdmin.getConfigurationProperties());
	}

	@Bean(destroyMethod = "close")
	OffsetsBarrier offsetsBarrier(Admin reconciliationAdmin, KafkaProperties kafka, Environment environment,
			ReconciliationProperties properties) {
		return new OffsetsBarrier(reconciliationAdmin, applicationId(kafka, environment), properties.topicNames(),
				properties.details().barrierTimeout(), properties.details().barrierPollInterval());
	}

	@Bean
	DetailsPoller detailsPoller(VippsClient vippsClient, OffsetsBarrier offsetsBarrier,
			ReconciliationProperties properties, Clock clock) {
		return new DetailsPoller(vippsClient, offsetsBarrier, properties.pollerSettings(), clock);
	}

	@Bean
	KStream<String, PaymentEvent> reconciliationTopology(StreamsBuilder builder, StreamsAvroSerdes serdes,
			SkipUnknownEventTypes<Object, Object> skipUnknownEventTypes, ReconciliationProperties properties,
			DetailsPoller detailsPoller, ReconciliationMetrics metrics) {
		return ReconciliationTopology.build(builder, properties.topicNames(), serdes.value(), serdes.value(),
				skipUnknownEventTypes, properties.schedule(), detailsPoller, properties.trackerSettings(), metrics);
	}

	/**
	 * Kafka Streams' {@code application.server}, so every instance can tell which one
	 * owns a payment: set when Streams starts, after the web server has its port.
	 * @param address this instance's address
	 * @return the configurer
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer advertisedApplicationServer(AdvertisedAddress address) {
		return (factoryBean) -> {
			// Hand the partitions to the other instances at once on shutdown: a
			// member that just disappears keeps them, unchecked, until its session
			// times out.
			factoryBean.setLeaveGroupOnClose(true);
			factoryBean.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {

				@Override
				public KafkaStreams initKafkaStreams(Topology topology, Properties properties,
						KafkaClientSupplier clientSupplier) {
					Properties advertised = new Properties();
					advertised.putAll(properties);
					advertised.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address.hostAndPort());
					return new KafkaStreams(topology, advertised, clientSupplier);
				}

				@Override
				public void customize(KafkaStreams kafkaStreams) {
				}

			});
		};
	}

	static String applicationId(KafkaProperties kafka, Environment environment) {
		String id = kafka.getStreams().getApplicationId();
		return (id != null) ? id : environment.getRequiredProperty("spring.application.name");
	}

}
