package com.example.payments.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.Topics;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPartner;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The command service as a test runs it: its own topics on the shared broker, the service
 * started as in production (Spring Boot, command-line properties) against them and the
 * simulator, a producer of commands, and a log of the events it publishes.
 */
final class CommandServiceRun implements AutoCloseable {

	/** A sales unit with its own keys. */
	static final String MSN = "123456";

	/** A second sales unit with its own keys. */
	static final String OTHER_MSN = "654321";

	/** A sales unit reached only through the partner keys. */
	static final String PARTNER_MSN = "223344";

	/**
	 * A sales unit Vipps knows, the partner keys do not reach, and the service has no
	 * keys for.
	 */
	static final String UNLINKED_MSN = "556677";

	/** A sales unit the service has wrong keys for. */
	static final String WRONG_KEYS_MSN = "778899";

	/** Partitions of every test topic. */
	static final int PARTITIONS = 6;

	/** The authToken secret the service signs with. */
	static final String AUTH_TOKEN_SECRET = "test-callback-secret-of-at-least-32-bytes";

	private final String name;

	private final KafkaTestEnvironment.Environment kafka;

	private final VippsSimulator simulator;

	private final KafkaProducer<String, Object> producer;

	private final EventLog<PaymentEvent> events;

	private final List<String> extraProperties;

	private ServiceUnderTest service;

	private CommandServiceRun(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator, String name,
			String registryUrl, List<String> extraProperties) {
		this.name = name;
		this.kafka = kafka;
		this.simulator = simulator;
		this.extraProperties = new ArrayList<>(extraProperties);
		this.extraProperties.add("spring.kafka.properties.schema.registry.url=" + registryUrl);
		kafka.broker()
			.createTopics(PARTITIONS, commandsTopic(), eventsTopic(), shippingRulesTopic(),
					Topics.deadLetterTopicOf(commandsTopic()));
		Map<String, Object> producerProperties = kafka.avroProducerProperties();
		producerProperties.put("schema.registry.url", registryUrl);
		this.producer = new KafkaProducer<>(producerProperties);
		this.events = EventLog.of(kafka, eventsTopic(), Map.of("schema.registry.url", registryUrl));
	}

	/**
	 * Topics of their own, a running service and an event log.
	 * @param kafka the environment
	 * @param simulator the simulator (Vipps)
	 * @param name a name no other run uses (topic prefix and consumer group)
	 * @param properties {@code name=value} pairs replacing the defaults
	 * @return the run
	 */
	static CommandServiceRun start(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator, String name,
			String... properties) {
		CommandServiceRun run = prepare(kafka, simulator, name, kafka.schemaRegistryUrl(), properties);
		run.startService();
		return run;
	}

	/**
	 * Topics, producer and event log, but no service yet ({@link #startService}).
	 * @param kafka the environment
	 * @param simulator the simulator
	 * @param name the run's name
	 * @param registryUrl the schema registry everything here uses
	 * @param properties {@code name=value} pairs replacing the defaults ({@code name=}
	 * removes one)
	 * @return the run
	 */
	static CommandServiceRun prepare(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator, String name,
			String registryUrl, String... properties) {
		return new CommandServiceRun(kafka, simulator, name, registryUrl, List.of(properties));
	}

	/**
	 * A simulator with the sales units these tests use: two with their own keys, one
	 * reached through partner keys.
	 * @return the started simulator
	 */
	static VippsSimulator startSimulator() {
		return VippsSimulator.builder()
			.port(0)
			.merchant(SimulatedMerchant.of(MSN, "client-id-1", "client-secret-1", "subscription-key-1"))
			.merchant(SimulatedMerchant.of(OTHER_MSN, "client-id-2", "client-secret-2", "subscription-key-2"))
			.merchant(SimulatedMerchant.of(PARTNER_MSN, "own-id-3", "own-secret-3", "own-key-3"))
			.merchant(SimulatedMerchant.of(UNLINKED_MSN, "own-id-4", "own-secret-4", "own-key-4"))
			.merchant(SimulatedMerchant.of(WRONG_KEYS_MSN, "client-id-5", "client-secret-5", "subscription-key-5"))
			.partner(SimulatedPartner.of("partner-id", "partner-secret", "partner-key", Set.of(PARTNER_MSN)))
			.seed(7L)
			.start();
	}

	/**
	 * The service's properties for a run: topics, group, the simulator and its keys, the
	 * callback prefixes (nothing listens there: callbacks are the ingest service's
	 * business), and waits short enough for tests.
	 * @param simulator the simulator
	 * @param name the run's name
	 * @param extra pairs replacing the defaults ({@code name=} removes one)
	 * @return {@code name=value} pairs
	 */
	static List<String> serviceProperties(VippsSimulator simulator, String name, List<String> extra) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("payments.command.topics.commands", name + "." + Topics.PAYMENT_COMMANDS);
		values.put("payments.command.topics.events", name + "." + Topics.PAYMENT_EVENTS);
		values.put("payments.command.topics.shipping-rules", name + "." + Topics.PAYMENT_SHIPPING_RULES);
		values.put("spring.kafka.consumer.group-id", name + "-command-service");
		values.put("vipps.client.base-url", simulator.baseUrl());
		values.put("vipps.client.allow-insecure-local-urls", "true");
		values.put("vipps.client.merchants." + MSN + ".client-id", "client-id-1");
		values.put("vipps.client.merchants." + MSN + ".client-secret", "client-secret-1");
		values.put("vipps.client.merchants." + MSN + ".subscription-key", "subscription-key-1");
		values.put("vipps.client.merchants." + OTHER_MSN + ".client-id", "client-id-2");
		values.put("vipps.client.merchants." + OTHER_MSN + ".client-secret", "client-secret-2");
		values.put("vipps.client.merchants." + OTHER_MSN + ".subscription-key", "subscription-key-2");
		values.put("vipps.client.merchants." + WRONG_KEYS_MSN + ".client-id", "client-id-5");
		values.put("vipps.client.merchants." + WRONG_KEYS_MSN + ".client-secret", "not-the-secret");
		values.put("vipps.client.merchants." + WRONG_KEYS_MSN + ".subscription-key", "subscription-key-5");
		values.put("vipps.client.partner.client-id", "partner-id");
		values.put("vipps.client.partner.client-secret", "partner-secret");
		values.put("vipps.client.partner.subscription-key", "partner-key");
		values.put("vipps.client.read-timeout", "3s");
		values.put("vipps.client.retry.initial-backoff", "50ms");
		values.put("vipps.client.retry.max-backoff", "200ms");
		values.put("vipps.client.retry.max-total-time", "2s");
		values.put("payments.command.callbacks.callback-prefix", "http://127.0.0.1:9/vipps/callbacks");
		values.put("payments.command.callbacks.shipping-details-prefix", "http://127.0.0.1:9/vipps/shipping");
		values.put("payments.command.callbacks.consent-removal-prefix", "http://127.0.0.1:9/vipps/consents");
		values.put("payments.command.callbacks.auth-token-secret", AUTH_TOKEN_SECRET);
		values.put("payments.command.retries.first-backoff", "200ms");
		values.put("payments.command.retries.max-wait", "5s");
		values.put("payments.command.retries.details-interval", "200ms");
		values.put("payments.command.retries.reservation-poll-interval", "300ms");
		values.put("payments.command.retries.reservation-wait", "30s");
		values.put("payments.command.consumer.drain-timeout", "10s");
		values.put("payments.kafka.errors.initial-interval", "200ms");
		values.put("payments.kafka.errors.max-interval", "1s");
		for (String pair : extra) {
			int equals = pair.indexOf('=');
			String value = pair.substring(equals + 1);
			if (value.isEmpty()) {
				values.remove(pair.substring(0, equals));
			}
			else {
				values.put(pair.substring(0, equals), value);
			}
		}
		return values.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

	void startService(String... more) {
		List<String> properties = new ArrayList<>(this.extraProperties);
		properties.addAll(List.of(more));
		this.service = ServiceUnderTest.start(PaymentCommandServiceApplication.class, this.kafka,
				serviceProperties(this.simulator, this.name, properties).toArray(String[]::new));
	}

	void stopService() {
		if (this.service != null) {
			this.service.close();
			this.service = null;
		}
	}

	ServiceUnderTest service() {
		return this.service;
	}

	VippsSimulator simulator() {
		return this.simulator;
	}

	String commandsTopic() {
		return this.name + "." + Topics.PAYMENT_COMMANDS;
	}

	String eventsTopic() {
		return this.name + "." + Topics.PAYMENT_EVENTS;
	}

	String shippingRulesTopic() {
		return this.name + "." + Topics.PAYMENT_SHIPPING_RULES;
	}

	EventLog<PaymentEvent> events() {
		return this.events;
	}

	/**
	 * Send a command under its payment's key, as an order system does.
	 * @param command the command
	 * @return the command
	 */
	PaymentCommand send(PaymentCommand command) {
		return send(PaymentKey.of(command.getMerchantSerialNumber(), command.getOrderId()).asString(), command);
	}

	/**
	 * Send a command under a key of the test's choosing.
	 * @param key the record key
	 * @param command the command
	 * @return the command
	 */
	PaymentCommand send(String key, PaymentCommand command) {
		try {
			this.producer.send(new ProducerRecord<>(commandsTopic(), key, command)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		return command;
	}

	/**
	 * Wait for the event answering a command.
	 * @param command the command
	 * @param type the event's type
	 * @param <T> the event's type
	 * @return the event's body
	 */
	<T> T awaitAnswer(PaymentCommand command, Class<T> type) {
		return type.cast(awaitEnvelope(command, type).getEvent());
	}

	<T> PaymentEvent awaitEnvelope(PaymentCommand command, Class<T> type) {
		return this.events
			.awaitRecord((record) -> command.getCommandId().equals(record.value().getCommandId())
					&& type.isInstance(record.value().getEvent()))
			.value();
	}

	/**
	 * Every event of one payment, in topic order.
	 * @param orderId the order
	 * @return the events
	 */
	List<PaymentEvent> eventsOf(String orderId) {
		return this.events.values().stream().filter((event) -> orderId.equals(event.getOrderId())).toList();
	}

	/**
	 * The event records answering a command.
	 * @param command the command
	 * @return the records
	 */
	List<ConsumerRecord<String, PaymentEvent>> answersTo(PaymentCommand command) {
		Predicate<ConsumerRecord<String, PaymentEvent>> answers = (record) -> command.getCommandId()
			.equals(record.value().getCommandId());
		return this.events.records().stream().filter(answers).toList();
	}

	static Duration patience() {
		return EventLog.PATIENCE;
	}

	@Override
	public void close() {
		try {
			stopService();
		}
		finally {
			this.events.close();
			this.producer.close();
		}
	}

}
