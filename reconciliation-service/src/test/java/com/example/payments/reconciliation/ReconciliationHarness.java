package com.example.payments.reconciliation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.example.payments.schema.Topics;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.client.VippsCredentials;
import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.SimulatedPartner;
import com.example.payments.vipps.simulator.VippsSimulator;

/**
 * The reconciliation service as the integration tests run it: against the test broker,
 * registry and simulator, on topics of the test's own, with a short check ladder (tens of
 * milliseconds between checks instead of seconds, so a test waits for the service, never
 * sleeps) and Vipps' real per-order limit.
 */
final class ReconciliationHarness {

	static final String MSN = "123456";

	static final String DIRECT_CAPTURE_MSN = "654321";

	/** Partner keys for both sales units: the service's and the stand-in's calls. */
	static final VippsCredentials PARTNER = new VippsCredentials("it-partner-id", "it-partner-secret",
			"it-partner-key");

	private ReconciliationHarness() {
	}

	/**
	 * A simulator with the two sales units (one of them direct capture) and the partner
	 * keys.
	 * @param omitOptionalFields whether Vipps leaves out every optional field
	 * @return the simulator builder
	 */
	static VippsSimulator.Builder simulator(boolean omitOptionalFields) {
		return VippsSimulator.builder()
			.port(0)
			.merchant(SimulatedMerchant.of(MSN, "cid-1", "secret-1", "key-1"))
			.merchant(SimulatedMerchant.of(DIRECT_CAPTURE_MSN, "cid-2", "secret-2", "key-2").directCapture(true))
			.partner(SimulatedPartner.of(PARTNER.clientId(), PARTNER.clientSecret(), PARTNER.subscriptionKey(),
					Set.of(MSN, DIRECT_CAPTURE_MSN)))
			.omitOptionalFields(omitOptionalFields)
			.seed(10L);
	}

	/**
	 * Create the topics of one test: events and commands with their dead-letter topics.
	 * @param kafka the environment
	 * @param prefix the test's own prefix
	 * @param partitions partitions of each (the same for both: co-partitioned)
	 * @return the events and commands topic names
	 */
	static String[] topics(KafkaTestEnvironment.Environment kafka, String prefix, int partitions) {
		String events = prefix + "." + Topics.PAYMENT_EVENTS;
		String commands = prefix + "." + Topics.PAYMENT_COMMANDS;
		kafka.broker()
			.createTopics(partitions, events, commands, Topics.deadLetterTopicOf(events),
					Topics.deadLetterTopicOf(commands));
		return new String[] { events, commands };
	}

	/**
	 * Start the service.
	 * @param kafka the environment
	 * @param simulator Vipps
	 * @param topics the events and commands topics
	 * @param applicationId the Streams application id (the same id restores the same
	 * state)
	 * @param stateDir the state directory (a fresh one restores from the changelog)
	 * @param overrides more {@code name=value} properties
	 * @return the running service
	 */
	static ServiceUnderTest start(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator, String[] topics,
			String applicationId, Path stateDir, String... overrides) {
		List<String> properties = new ArrayList<>(List.of("reconciliation.ladders.user-window.first-check=200ms",
				"reconciliation.ladders.user-window.rungs[0].until=60s",
				"reconciliation.ladders.user-window.rungs[0].every=200ms",
				"reconciliation.ladders.reservation.first-check=300ms",
				"reconciliation.ladders.reservation.rungs[0].until=120s",
				"reconciliation.ladders.reservation.rungs[0].every=300ms",
				"reconciliation.ladders.command.first-check=0s", "reconciliation.ladders.command.rungs[0].until=60s",
				"reconciliation.ladders.command.rungs[0].every=300ms", "reconciliation.callback-grace=1s",
				"reconciliation.tracker.tick-interval=50ms", "reconciliation.tracker.check-timeout=15s",
				"reconciliation.tracker.backlog-interval=200ms", "payments.kafka.errors.initial-interval=200ms",
				"payments.kafka.errors.max-interval=1s"));
		properties.addAll(List.of(overrides));
		return startAsDeployed(kafka, simulator, topics, applicationId, stateDir, properties.toArray(String[]::new));
	}

	/**
	 * Start the service with its default ladders, grace and budgets (as deployed),
	 * pointed at the test's broker, registry, simulator and topics.
	 * @param kafka the environment
	 * @param simulator Vipps
	 * @param topics the events and commands topics
	 * @param applicationId the Streams application id
	 * @param stateDir the state directory
	 * @param overrides more {@code name=value} properties
	 * @return the running service
	 */
	static ServiceUnderTest startAsDeployed(KafkaTestEnvironment.Environment kafka, VippsSimulator simulator,
			String[] topics, String applicationId, Path stateDir, String... overrides) {
		List<String> properties = new ArrayList<>(List.of("reconciliation.topics.events=" + topics[0],
				"reconciliation.topics.commands=" + topics[1], "spring.kafka.streams.application-id=" + applicationId,
				"spring.kafka.streams.state-dir=" + stateDir, "vipps.client.base-url=" + simulator.baseUrl(),
				"vipps.client.partner.client-id=" + PARTNER.clientId(),
				"vipps.client.partner.client-secret=" + PARTNER.clientSecret(),
				"vipps.client.partner.subscription-key=" + PARTNER.subscriptionKey(), "vipps.client.read-timeout=5s"));
		properties.addAll(List.of(overrides));
		return ServiceUnderTest.start(ReconciliationServiceApplication.class, kafka, properties.toArray(String[]::new));
	}

}
