package com.example.payments.ingest.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import com.example.payments.ingest.callback.CallbackHandler;
import com.example.payments.ingest.callback.domain.CallbackIntake;
import com.example.payments.ingest.consent.ConsentRemovalHandler;
import com.example.payments.ingest.consent.domain.ConsentGate;
import com.example.payments.ingest.consent.domain.SourceAllowlist;
import com.example.payments.ingest.kafka.EventPublisher;
import com.example.payments.ingest.kafka.PublishingReadiness;
import com.example.payments.ingest.shipping.ShippingDetailsHandler;
import com.example.payments.ingest.shipping.ShippingRulesConsumer;
import com.example.payments.ingest.shipping.domain.ShippingOption;
import com.example.payments.ingest.shipping.domain.ShippingQuoter;
import com.example.payments.ingest.shipping.domain.ShippingRulesStore;
import com.example.payments.ingest.web.EndpointPath;
import com.example.payments.ingest.web.IngestMetrics;
import com.example.payments.ingest.web.RequestBodies;
import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.serde.KafkaAvroDeserializer;
import com.example.payments.serde.KafkaAvroSerializer;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wiring only: the three endpoints, the event publisher and the shipping-rules store from
 * {@link IngestProperties} and Spring Boot's Kafka properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	IngestMetrics ingestMetrics(MeterRegistry meters) {
		return new IngestMetrics(meters);
	}

	@Bean
	CallbackAuthTokens callbackAuthTokens(IngestProperties properties) {
		return properties.callbackTokens();
	}

	@Bean
	RequestBodies requestBodies(IngestProperties properties) {
		return new RequestBodies((int) properties.maxBodySize().toBytes());
	}

	@Bean(destroyMethod = "close")
	EventPublisher eventPublisher(KafkaProperties kafka, IngestProperties properties, MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		// Not configurable away (ADR 0015).
		config.putAll(EventPublisher.PRODUCER_OVERRIDES);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "callback-ingest-events");
		KafkaAvroSerializer<Object> values = new KafkaAvroSerializer<>();
		values.configure(config, false);
		KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(), values);
		new KafkaClientMetrics(producer).bindTo(meters);
		EventPublisher publisher = new EventPublisher(producer, values, properties.publishing().eventsTopic(),
				properties.consent().topic(), properties.publishing().timeout(),
				properties.publishing().maxPendingRecords());
		meters.gauge("ingest.publish.pending", publisher, EventPublisher::pendingRecords);
		return publisher;
	}

	@Bean
	PublishingReadiness eventPublishingHealthIndicator(EventPublisher publisher) {
		return new PublishingReadiness(publisher);
	}

	@Bean
	CallbackHandler callbackHandler(IngestProperties properties, CallbackAuthTokens tokens, EventPublisher publisher,
			RequestBodies bodies, IngestMetrics metrics, Clock clock) {
		return new CallbackHandler(new CallbackIntake(tokens), publisher, bodies, metrics, clock);
	}

	@Bean
	ShippingRulesStore shippingRulesStore() {
		return new ShippingRulesStore();
	}

	@Bean
	ShippingRulesConsumer shippingRulesHealthIndicator(KafkaProperties kafka, IngestProperties properties,
			ShippingRulesStore store, RecordFailurePolicy policy, ConfigurationFaultReadiness readiness,
			ConsumerFailureMetrics failureMetrics, MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		// Every instance reads every partition from the start: no group, nothing
		// committed.
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
		config.put("specific.avro.reader", true);
		config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "callback-ingest-shipping-rules");
		return new ShippingRulesConsumer(() -> new KafkaConsumer<>(config), properties.shipping().rulesTopic(), store,
				policy, readiness, failureMetrics, meters);
	}

	@Bean
	ShippingDetailsHandler shippingDetailsHandler(IngestProperties properties, ShippingRulesStore store,
			CallbackAuthTokens tokens, RequestBodies bodies, IngestMetrics metrics) {
		ShippingQuoter quoter = new ShippingQuoter(store, tokens, properties.shipping().merchantSerialNumbers(),
				properties.shipping()
					.defaultOptions()
					.stream()
					.map((option) -> new ShippingOption(option.methodId(), option.method(), option.cost(),
							option.isDefault(), option.priority()))
					.toList());
		return new ShippingDetailsHandler(quoter, bodies, metrics);
	}

	@Bean
	ConsentRemovalHandler consentRemovalHandler(IngestProperties properties, EventPublisher publisher,
			IngestMetrics metrics, Clock clock) {
		ConsentGate gate = new ConsentGate(properties.consentSecrets(),
				SourceAllowlist.of(properties.consent().allowedSources()));
		return new ConsentRemovalHandler(gate, publisher, metrics, clock);
	}

	@Bean
	RouterFunction<ServerResponse> merchantEndpoints(IngestProperties properties, CallbackHandler callbacks,
			ShippingDetailsHandler shipping, ConsentRemovalHandler consents) {
		return callbacks.route(EndpointPath.ofPrefix("ingest.callback-prefix", properties.callbackPrefix()))
			.and(shipping
				.route(EndpointPath.ofPrefix("ingest.shipping-details-prefix", properties.shippingDetailsPrefix())))
			.and(consents
				.route(EndpointPath.ofPrefix("ingest.consent-removal-prefix", properties.consentRemovalPrefix())));
	}

}
