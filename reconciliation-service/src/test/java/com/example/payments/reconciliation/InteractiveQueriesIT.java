package com.example.payments.reconciliation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.example.payments.reconciliation.StandInServices.Payment;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.ServiceUnderTest;
import com.example.payments.vipps.simulator.VippsSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /payments/{msn}/{orderId}} on two instances sharing the partitions: each
 * answers for every payment, from its own store or by forwarding to the instance that
 * owns the payment, and both give the same answer.
 */
@ExtendWith(KafkaTestEnvironment.class)
class InteractiveQueriesIT {

	private static final String ANSWERED_BY = "X-Reconciliation-Instance";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path temp;

	@Test
	void eitherInstanceAnswersForEveryPaymentForwardingToItsOwner(KafkaTestEnvironment.Environment kafka)
			throws Exception {
		String[] topics = ReconciliationHarness.topics(kafka, "queries", 4);
		String applicationId = "queries-" + System.nanoTime();
		try (VippsSimulator simulator = ReconciliationHarness.simulator(false).start();
				StandInServices services = new StandInServices(kafka, simulator, topics[0], topics[1]);
				ServiceUnderTest first = ReconciliationHarness.start(kafka, simulator, topics, applicationId,
						this.temp.resolve("first"));
				ServiceUnderTest second = ReconciliationHarness.start(kafka, simulator, topics, applicationId,
						this.temp.resolve("second"))) {
			List<Payment> payments = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				payments.add(services.payment(ReconciliationHarness.MSN, "query-" + i).initiate(10000 + i));
			}
			List<Integer> ports = List.of(first.port(), second.port());
			Set<String> owners = new HashSet<>();
			Set<String> forwarded = new HashSet<>();
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (Payment payment : payments) {
					List<HttpResponse<String>> answers = new ArrayList<>();
					for (int port : ports) {
						HttpResponse<String> answer = get(port, payment.msn(), payment.orderId());
						assertThat(answer.statusCode()).as("%s on %d: %s", payment.orderId(), port, answer.body())
							.isEqualTo(200);
						String owner = answer.headers().firstValue(ANSWERED_BY).orElseThrow();
						owners.add(owner);
						if (!owner.endsWith(":" + port)) {
							forwarded.add(payment.orderId());
						}
						answers.add(answer);
					}
					assertThat(answers.get(0).body()).contains("\"orderId\":\"" + payment.orderId() + "\"")
						.contains("\"amount\":" + (10000 + payments.indexOf(payment)))
						.isEqualTo(answers.get(1).body());
				}
				assertThat(owners).as("both instances own partitions").hasSize(2);
			});
			assertThat(forwarded).as("every payment was asked of the instance that does not own it too")
				.hasSameSizeAs(payments);
			assertThat(get(first.port(), ReconciliationHarness.MSN, "never-initiated").statusCode()).isEqualTo(404);
			assertThat(get(second.port(), ReconciliationHarness.MSN, "never-initiated").statusCode()).isEqualTo(404);
			HttpResponse<String> invalid = get(first.port(), ReconciliationHarness.MSN, "not_an_order_id");
			assertThat(invalid.statusCode()).isEqualTo(400);
			assertThat(invalid.body()).contains("orderId");
		}
	}

	private HttpResponse<String> get(int port, String msn, String orderId) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/" + msn + "/" + orderId))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
