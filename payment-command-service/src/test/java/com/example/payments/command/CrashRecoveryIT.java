package com.example.payments.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.PaymentInitiated;
import com.example.payments.schema.event.PaymentUrlStatus;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatedOperation;
import com.example.payments.vipps.simulator.SimulatedPayment;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the service between Vipps applying a call and the service publishing
 * its event: the service runs in a JVM of its own, the simulator holds its answers back
 * (latency) after applying the calls, and the process is killed once the simulator's
 * truth shows them applied. The restarted service gets the same commands again (nothing
 * was committed) and: captures with the same {@code X-Request-Id}, which Vipps answers
 * from its idempotency store, so the simulator's log shows one capture and the event
 * carries the id the first answer would have had; initiates again, meets "duplicate
 * orderId", confirms the payment in {@code /details} and publishes it with its URL lost.
 * Nothing is lost, no money moves twice.
 */
@ExtendWith(KafkaTestEnvironment.class)
class CrashRecoveryIT {

	private static final String MSN = CommandServiceRun.MSN;

	@Test
	void aKillBetweenVippsApplyingACallAndItsEventLosesNothingAndMovesNoMoneyTwice(
			KafkaTestEnvironment.Environment kafka) {
		String name = "crash";
		try (VippsSimulator simulator = CommandServiceRun.startSimulator();
				CommandServiceRun run = CommandServiceRun.prepare(kafka, simulator, name, kafka.schemaRegistryUrl())) {
			List<String> properties = new ArrayList<>(CommandServiceRun.serviceProperties(simulator, name,
					List.of("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
							"spring.kafka.properties.schema.registry.url=" + kafka.schemaRegistryUrl(),
							// A killed member's partitions move on after this, not after
							// 45 s.
							"spring.kafka.consumer.properties.session.timeout.ms=6000",
							"spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
							"vipps.client.read-timeout=60s")));
			String capturedOrder = Commands.newOrderId();
			String initiatedOrder = Commands.newOrderId();
			PaymentCommand capture;
			PaymentCommand initiate;
			try (ServiceProcess first = ServiceProcess.start(properties, ServiceProcess.logFile(name + "-first"))) {
				run.awaitAnswer(run.send(Commands.initiate(MSN, capturedOrder, 20_000)), PaymentInitiated.class);
				simulator.approve(MSN, capturedOrder);
				// Vipps applies the calls at once and answers a minute later.
				simulator.faults().latency(SimulatedOperation.CAPTURE, Duration.ofSeconds(60), Duration.ZERO);
				simulator.faults().latency(SimulatedOperation.INITIATE, Duration.ofSeconds(60), Duration.ZERO);
				capture = run.send(Commands.capture(MSN, capturedOrder, 15_000L));
				initiate = run.send(Commands.initiate(MSN, initiatedOrder, 30_000));
				await().atMost(CommandServiceRun.patience())
					.until(() -> simulator.payment(MSN, capturedOrder).orElseThrow().capturedAmount() == 15_000
							&& simulator.payment(MSN, initiatedOrder).isPresent());
				first.kill();
			}
			simulator.faults().reset();
			assertThat(run.answersTo(capture)).isEmpty();
			assertThat(run.answersTo(initiate)).isEmpty();
			try (ServiceProcess second = ServiceProcess.start(properties, ServiceProcess.logFile(name + "-second"))) {
				PaymentEvent captured = run.awaitEnvelope(capture, PaymentCaptured.class);
				PaymentEvent initiated = run.awaitEnvelope(initiate, PaymentInitiated.class);
				assertThat(((PaymentCaptured) captured.getEvent()).getAmount()).isEqualTo(15_000);
				assertThat(captured.getEventId())
					.isEqualTo(PaymentEventIds.capture(PaymentKey.of(MSN, capturedOrder), capture.getCommandId()));
				assertThat(((PaymentInitiated) initiated.getEvent()).getUrlStatus()).isEqualTo(PaymentUrlStatus.LOST);
				assertThat(initiated.getEventId())
					.isEqualTo(PaymentEventIds.initiated(PaymentKey.of(MSN, initiatedOrder)));
				assertThat(second.alive()).as("the restarted service keeps running").isTrue();
			}
			SimulatedPayment payment = simulator.payment(MSN, capturedOrder).orElseThrow();
			assertThat(payment.log()).filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.CAPTURE)
				.singleElement()
				.satisfies((entry) -> assertThat(entry.requestId()).isEqualTo(capture.getCommandId()));
			assertThat(payment.capturedAmount()).isEqualTo(15_000);
			assertThat(simulator.payment(MSN, initiatedOrder).orElseThrow().log())
				.filteredOn((entry) -> entry.operation() == SimulatedPayment.Operation.INITIATE)
				.hasSize(1);
			assertThat(simulator.exchanges())
				.filteredOn((exchange) -> exchange.kind() == RecordedExchange.Kind.INITIATE
						&& initiatedOrder.equals(exchange.orderId()) && exchange.status() == 400)
				.as("the redelivered initiate met duplicate orderId")
				.hasSize(1);
		}
	}

}
