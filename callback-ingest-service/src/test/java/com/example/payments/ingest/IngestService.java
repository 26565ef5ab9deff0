package com.example.payments.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.shipping.ExpressShippingRules;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.client.callback.CallbackAuthTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import static org.awaitility.Awaitility.await;

/**
 * callback-ingest-service started as in production (its own {@code application.yml},
 * command-line properties on top) against the test's broker and registry, on topics of
 * the test class's own, and waited for until ready. With readers of what it publishes and
 * a producer of shipping rules, as the command service would write them.
 */
final class IngestService implements AutoCloseable {

	static final String MSN = "123456";

	static final String DIRECT_CAPTURE_MSN = "654321";

	/** The current callback secret, shared with "the command service" (the tests). */
	static final String SECRET = "it-current-callback-secret-0123456789-abcdef";

	/** The secret before the last rotation, still accepted. */
	static final String PREVIOUS_SECRET = "it-previous-callback-secret-9876543210-fedcba";

	static final String CONSENT_SECRET = "itConsentSecret0123456789abcdefABCDEF";

	static final CallbackAuthTokens TOKENS = new CallbackAuthTokens(SECRET, null);

	static final CallbackAuthTokens PREVIOUS_TOKENS = new CallbackAuthTokens(PREVIOUS_SECRET, null);

	private final ServiceUnderTest service;

	private final KafkaTestEnvironment.Environment kafka;

	private final String topics;

	private KafkaProducer<String, Object> rulesProducer;

	private IngestService(ServiceUnderTest service, KafkaTestEnvironment.Environment kafka, String topics) {
		this.service = service;
		this.kafka = kafka;
		this.topics = topics;
	}

	/**
	 * Create the topics and start the service, ready.
	 * @param kafka the broker and registry
	 * @param name the test's name, prefix of its topics
	 * @param properties more {@code name=value} pairs
	 * @return the ready service
	 */
	static IngestService start(KafkaTestEnvironment.Environment kafka, String name, String... properties) {
		kafka.broker().createTopics(3, name + ".events", name + ".consents", name + ".shipping-rules");
		return startWithoutTopics(kafka, name, properties).awaitReady();
	}

	/**
	 * Start the service on topics that may not exist yet, without waiting.
	 * @param kafka the broker and registry
	 * @param name the test's name, prefix of its topics
	 * @param properties more {@code name=value} pairs
	 * @return the started service
	 */
	static IngestService startWithoutTopics(KafkaTestEnvironment.Environment kafka, String name, String... properties) {
		List<String> all = new ArrayList<>(List.of(serviceProperties(name)));
		all.addAll(List.of(properties));
		return new IngestService(
				ServiceUnderTest.start(CallbackIngestServiceApplication.class, kafka, all.toArray(String[]::new)),
				kafka, name);
	}

	/**
	 * What every test start of the service is given.
	 * @param name the prefix of its topics
	 * @return {@code name=value} pairs
	 */
	static String[] serviceProperties(String name) {
		return new String[] { "ingest.callback-secret=" + SECRET, "ingest.previous-callback-secret=" + PREVIOUS_SECRET,
				"ingest.consent-removal-prefix=https://shop.example.com/vipps/consents/" + CONSENT_SECRET,
				"ingest.publishing.events-topic=" + name + ".events", "ingest.consent.topic=" + name + ".consents",
				"ingest.shipping.rules-topic=" + name + ".shipping-rules" };
	}

	IngestService awaitReady() {
		HttpClient http = HttpClient.newHttpClient();
		URI readiness = URI.create("http://localhost:" + this.service.managementPort() + "/actuator/health/readiness");
		await("readiness of callback-ingest-service").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200);
		return this;
	}

	String baseUrl() {
		return "http://localhost:" + this.service.port();
	}

	int managementPort() {
		return this.service.managementPort();
	}

	String callbackPrefix() {
		return baseUrl() + "/vipps/callbacks";
	}

	String shippingDetailsPrefix() {
		return baseUrl() + "/vipps/shipping";
	}

	String consentRemovalPrefix() {
		return baseUrl() + "/vipps/consents/" + CONSENT_SECRET;
	}

	String eventsTopic() {
		return this.topics + ".events";
	}

	String consentsTopic() {
		return this.topics + ".consents";
	}

	String shippingRulesTopic() {
		return this.topics + ".shipping-rules";
	}

	TopicReader<PaymentEvent> events() {
		return new TopicReader<>(this.kafka, eventsTopic());
	}

	TopicReader<ConsentRevoked> consents() {
		return new TopicReader<>(this.kafka, consentsTopic());
	}

	/**
	 * Publish a payment's rules (or a tombstone), as the command service does before it
	 * initiates, and wait for Kafka's acknowledgement.
	 * @param msn the MSN
	 * @param orderId the order
	 * @param rules the rules, or {@code null} for a tombstone
	 */
	void publishShippingRules(String msn, String orderId, ExpressShippingRules rules) {
		publishShippingRules(msn + ":" + orderId, rules);
	}

	void publishShippingRules(String key, Object value) {
		try {
			rulesProducer().send(new ProducerRecord<>(shippingRulesTopic(), key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish shipping rules for " + key, ex);
		}
	}

	private KafkaProducer<String, Object> rulesProducer() {
		if (this.rulesProducer == null) {
			Map<String, Object> properties = this.kafka.avroProducerProperties();
			this.rulesProducer = new KafkaProducer<>(properties);
		}
		return this.rulesProducer;
	}

	@Override
	public void close() {
		if (this.rulesProducer != null) {
			this.rulesProducer.close(Duration.ofSeconds(5));
		}
		this.service.close();
	}

}
