package com.example.payments.command.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.payments.command.consumer.ConsumerFailures;
import com.example.payments.command.consumer.KeyOrderedConsumerSettings;
import com.example.payments.command.domain.RetryPlan;
import com.example.payments.command.handling.CommandMetrics;
import com.example.payments.command.handling.MerchantEndpoints;
import com.example.payments.command.handling.PaymentCommandHandler;
import com.example.payments.command.kafka.KafkaPaymentEvents;
import com.example.payments.command.kafka.PaymentCommandConsumer;
import com.example.payments.kafka.consumer.ConfigurationFaultReadiness;
import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.DeadLetterPublisher;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.kafka.consumer.UnknownEventTypes;
import com.example.payments.vipps.client.VippsClient;
import com.example.payments.vipps.client.VippsClientConfig;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Connects the command consumer, the handler, Vipps and Kafka. The Vipps client is bound
 * from {@code vipps.client.*} (its README); Kafka clients from Boot's
 * {@code spring.kafka.*}; the rest from {@code payments.command.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CommandTopicsProperties.class, MerchantCallbackProperties.class,
		CommandConsumerProperties.class, CommandRetryProperties.class })
public class PaymentCommandConfiguration {

	/**
	 * Reactor Netty resources of this application's own (web server, Boot's clients),
	 * instead of the JVM-wide ones Boot uses by default and disposes on shutdown: so
	 * stopping this service stops nothing else that runs in the same JVM (another
	 * instance, or the Vipps simulator, in tests).
	 * @return the factory
	 */
	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

	@Bean(destroyMethod = "close")
	VippsClient vippsClient(Environment environment, MeterRegistry meterRegistry) {
		VippsClientConfig config = Binder.get(environment)
			.bind("vipps.client", VippsClientConfig.class)
			.orElseThrow(() -> new IllegalStateException(
					"vipps.client.* is required: base-url, system.*, and merchants.<msn>.* or partner.*"));
		return VippsClient.create(config, meterRegistry);
	}

	@Bean
	CallbackAuthTokens callbackAuthTokens(MerchantCallbackProperties callbacks) {
		if (callbacks.authTokenSecret() == null || callbacks.authTokenSecret().isBlank()) {
			throw new IllegalStateException("payments.command.callbacks.auth-token-secret is required: the secret of "
					+ "the callback authToken, shared with the callback-ingest-service");
		}
		return new CallbackAuthTokens(callbacks.authTokenSecret(), null);
	}

	@Bean
	MerchantEndpoints merchantEndpoints(MerchantCallbackProperties callbacks, VippsClient vippsClient) {
		return callbacks.endpoints(vippsClient.config().allowInsecureLocalUrls());
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService commandWorkers(CommandConsumerProperties consumer) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(consumer.workers(), (runnable) -> {
			Thread thread = new Thread(runnable, "command-worker-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	KafkaPaymentEvents paymentEventSink(KafkaTemplate<String, Object> kafkaTemplate, CommandTopicsProperties topics) {
		return new KafkaPaymentEvents(kafkaTemplate, topics.events(), topics.shippingRules());
	}

	@Bean
	CommandMetrics commandMetrics(MeterRegistry meterRegistry) {
		return new CommandMetrics(meterRegistry);
	}

	@Bean
	PaymentCommandHandler paymentCommandHandler(VippsClient vippsClient, KafkaPaymentEvents paymentEventSink,
			MerchantEndpoints merchantEndpoints, CallbackAuthTokens callbackAuthTokens, CommandRetryProperties retries,
			ExecutorService commandWorkers, CommandMetrics commandMetrics) {
		RetryPlan plan = new RetryPlan(retries.maxAttempts(), retries.firstBackoff(), retries.maxWait(),
				retries.detailsReads(), retries.detailsInterval());
		return new PaymentCommandHandler(vippsClient, paymentEventSink, merchantEndpoints, callbackAuthTokens,
				new PaymentCommandHandler.Settings(plan, retries.reservationWait(), retries.reservationPollInterval(),
						retries.rememberedPayments()),
				Schedulers.fromExecutorService(commandWorkers, "command-worker"), commandMetrics, Clock.systemUTC());
	}

	@Bean
	PaymentCommandConsumer paymentCommandConsumer(KafkaProperties kafkaProperties, CommandTopicsProperties topics,
			CommandConsumerProperties consumer, PaymentCommandHandler paymentCommandHandler,
			ExecutorService commandWorkers, RecordFailurePolicy recordFailurePolicy,
			DeadLetterPublisher deadLetterPublisher, UnknownEventTypes unknownEventTypes,
			ConfigurationFaultReadiness configurationFaultReadiness, ConsumerFailureMetrics consumerFailureMetrics,
			MeterRegistry meterRegistry) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
		// Offsets are committed only below the first unfinished command (ADR 0012).
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				CooperativeStickyAssignor.class.getName());
		KeyOrderedConsumerSettings settings = new KeyOrderedConsumerSettings("payment-commands", consumer.pollTimeout(),
				consumer.maxUnfinished(), consumer.commitInterval(), consumer.drainTimeout());
		return new PaymentCommandConsumer(() -> new KafkaConsumer<>(config), topics.commands(), paymentCommandHandler,
				commandWorkers, settings, new ConsumerFailures(recordFailurePolicy, deadLetterPublisher,
						unknownEventTypes, configurationFaultReadiness, consumerFailureMetrics),
				meterRegistry);
	}

}
