package com.example.payments.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.example.payments.schema.Topics;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.ErrorCategory;
import com.example.payments.schema.event.PaymentCommandFailed;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.RestartableRegistry;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the command consumer does with records it cannot use and with faults around it, on
 * a real broker: a record that can never be read goes to {@code payments.commands.v1.dlt}
 * with its original bytes and the records behind it are handled; a schema-registry outage
 * is waited out (the partition waits, nothing is dead-lettered) and the command is
 * carried out once the registry is back; a sales unit without credentials and a Vipps
 * that cannot be reached become {@code PaymentCommandFailed}; and the service's metrics
 * show all of it.
 */
@ExtendWith(KafkaTestEnvironment.class)
class CommandConsumerFaultsIT {

	private static final String MSN = CommandServiceRun.MSN;

	private static VippsSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = CommandServiceRun.startSimulator();
	}

	@AfterAll
	static void stop() {
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void deadLettersARecordThatCannotBeReadAndCarriesOnWithTheNext(KafkaTestEnvironment.Environment kafka) {
		try (CommandServiceRun run = CommandServiceRun.start(kafka, simulator, "poison");
				KafkaProducer<String, byte[]> raw = rawProducer(kafka);
				EventLog<byte[]> deadLetters = EventLog.of(kafka, Topics.deadLetterTopicOf(run.commandsTopic()),
						Map.of("value.deserializer", ByteArrayDeserializer.class))) {
			String orderId = Commands.newOrderId();
			byte[] garbage = "not a command".getBytes(StandardCharsets.UTF_8);
			raw.send(new ProducerRecord<>(run.commandsTopic(), MSN + ":" + orderId, garbage));
			raw.flush();
			PaymentCommand next = run.send(Commands.initiate(MSN, orderId, 10_000));
			run.awaitAnswer(next, PaymentInitiated.class);
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitRecord((record) -> true);
			assertThat(deadLetter.value()).isEqualTo(garbage);
			assertThat(deadLetter.key()).isEqualTo(MSN + ":" + orderId);
			assertThat(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value())
				.isEqualTo(run.commandsTopic().getBytes(StandardCharsets.UTF_8));
			String metrics = Prometheus.scrape(run.service().managementPort());
			assertThat(Prometheus.value(metrics, "payments_consumer_dead_letters_total", "failure=\"poison\"",
					"topic=\"" + run.commandsTopic() + "\""))
				.isEqualTo(1.0);
		}
	}

	@Test
	void waitsOutARegistryOutageAndDeadLettersNothing(KafkaTestEnvironment.Environment kafka, @TempDir Path journal) {
		try (RestartableRegistry registry = RestartableRegistry.onFreePort(journal).start();
				CommandServiceRun run = CommandServiceRun.prepare(kafka, simulator, "outage", registry.url())) {
			// The producer registers the schema while the registry is up; the service,
			// started during the outage, has never seen it.
			PaymentCommand command = run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000));
			registry.stop();
			run.startService();
			int port = run.service().managementPort();
			await().atMost(CommandServiceRun.patience())
				.until(() -> Prometheus.value(Prometheus.scrape(port), "payments_consumer_retries_total",
						"topic=\"" + run.commandsTopic() + "\"") >= 2);
			assertThat(run.answersTo(command)).isEmpty();
			registry.start();
			run.awaitAnswer(command, PaymentInitiated.class);
			assertThat(Prometheus.value(Prometheus.scrape(port), "payments_consumer_dead_letters_total")).isZero();
			assertThat(run.answersTo(command)).hasSize(1);
		}
	}

	@Test
	void reportsASalesUnitWithoutCredentialsAndAVippsThatCannotBeReached(KafkaTestEnvironment.Environment kafka) {
		try (CommandServiceRun run = CommandServiceRun.start(kafka, simulator, "misconfigured",
				"vipps.client.base-url=http://127.0.0.1:1", "vipps.client.connect-timeout=500ms",
				"vipps.client.partner.client-id=", "vipps.client.partner.client-secret=",
				"vipps.client.partner.subscription-key=")) {
			PaymentCommand unconfigured = run
				.send(Commands.initiate(CommandServiceRun.PARTNER_MSN, Commands.newOrderId(), 10_000));
			PaymentCommandFailed noKeys = run.awaitAnswer(unconfigured, PaymentCommandFailed.class);
			assertThat(noKeys.getErrorCategory()).isEqualTo(ErrorCategory.VALIDATION);
			assertThat(noKeys.getErrorCode()).isEqualTo("NO_CREDENTIALS");
			assertThat(noKeys.getErrorMessage()).contains(CommandServiceRun.PARTNER_MSN);
			assertThat(noKeys.getRetryable()).isTrue();
			assertThat(noKeys.getPersonMustAct()).isTrue();
			PaymentCommand unreachable = run.send(Commands.initiate(MSN, Commands.newOrderId(), 10_000));
			PaymentCommandFailed transport = run.awaitAnswer(unreachable, PaymentCommandFailed.class);
			assertThat(transport.getErrorCategory()).isEqualTo(ErrorCategory.TRANSPORT);
			assertThat(transport.getRetryable()).isTrue();
			assertThat(transport.getPersonMustAct()).isFalse();
			assertThat(transport.getHttpStatus()).isNull();
			String metrics = Prometheus.scrape(run.service().managementPort());
			assertThat(Prometheus.value(metrics, "payments_commands_unconfigured_msn_total",
					"msn=\"" + CommandServiceRun.PARTNER_MSN + "\""))
				.isEqualTo(1.0);
			assertThat(Prometheus.value(metrics, "payments_commands_total", "type=\"initiate\"", "outcome=\"failed\""))
				.isEqualTo(2.0);
			assertThat(Prometheus.value(metrics, "payments_commands_latency_seconds_count", "type=\"initiate\""))
				.isEqualTo(2.0);
			assertThat(metrics).contains("payments_commands_in_flight", "payments_commands_unfinished",
					"kafka_consumer_fetch_manager_records_lag_max", "vipps_api_requests_seconds_count");
		}
	}

	private static KafkaProducer<String, byte[]> rawProducer(KafkaTestEnvironment.Environment kafka) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
				new StringSerializer(), new ByteArraySerializer());
	}

}
