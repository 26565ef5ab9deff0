package com.example.payments.architecture;

import com.example.payments.command.archfixture.CommandServiceReadingTheIngestService;
import com.example.payments.command.archfixture.CommandServiceWithItsOwnWebClient;
import com.example.payments.ingest.archfixture.IngestServiceUsingTheSimulator;
import com.example.payments.reconciliation.domain.archfixture.DomainPublishingToKafka;
import com.example.payments.reconciliation.domain.archfixture.DomainUsingAnAvroRecord;
import com.example.payments.reconciliation.query.archfixture.QueryWithItsOwnWebClient;
import com.example.payments.serde.archfixture.LibraryUsingTestSupport;
import com.example.payments.vipps.client.archfixture.ClientReadingTheSimulatorEngine;
import com.example.payments.vipps.simulator.archfixture.SimulatorUsingThePaymentKey;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each architecture rule fails on a deliberate violation: test-only fixture classes in
 * the packages a rule guards (the {@code archfixture} packages of this module's tests,
 * never part of the production check).
 */
class ArchitectureRulesRejectViolationsTests {

	@Test
	void simulatorDependingOnAnotherModuleIsRejected() {
		assertRejects(ArchitectureRules.SIMULATOR_DEPENDS_ON_NO_OTHER_MODULE, SimulatorUsingThePaymentKey.class,
				"com.example.payments.schema.PaymentKey");
	}

	@Test
	void serviceWithItsOwnHttpClientIsRejected() {
		assertRejects(ArchitectureRules.SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT,
				CommandServiceWithItsOwnWebClient.class, "WebClient");
	}

	@Test
	void reconciliationQueryWithAnHttpClientOutsideItsForwardingIsRejected() {
		assertRejects(ArchitectureRules.SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT, QueryWithItsOwnWebClient.class,
				"WebClient");
	}

	@Test
	void serviceUsingTheSimulatorIsRejected() {
		assertRejects(ArchitectureRules.SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT,
				IngestServiceUsingTheSimulator.class, "VippsSimulator");
	}

	@Test
	void domainCodeWithKafkaTypesIsRejected() {
		assertRejects(ArchitectureRules.DOMAIN_IS_FREE_OF_FRAMEWORK_TYPES, DomainPublishingToKafka.class,
				"org.apache.kafka.clients.producer.ProducerRecord");
	}

	@Test
	void domainCodeWithAGeneratedAvroRecordIsRejected() {
		assertRejects(ArchitectureRules.DOMAIN_IS_FREE_OF_FRAMEWORK_TYPES, DomainUsingAnAvroRecord.class,
				"PaymentEvent");
	}

	@Test
	void productionCodeUsingTestSupportIsRejected() {
		assertRejects(ArchitectureRules.PRODUCTION_CODE_DEPENDS_ON_NO_TEST_MODULE, LibraryUsingTestSupport.class,
				"KafkaTestEnvironment");
	}

	@Test
	void readingTheSimulatorsEngineIsRejected() {
		assertRejects(ArchitectureRules.NO_MODULE_READS_ANOTHER_MODULES_INTERNALS,
				ClientReadingTheSimulatorEngine.class, "com.example.payments.vipps.simulator.engine.SimulatorClock");
	}

	@Test
	void oneServiceReadingAnotherIsRejected() {
		assertRejects(ArchitectureRules.NO_MODULE_READS_ANOTHER_MODULES_INTERNALS,
				CommandServiceReadingTheIngestService.class, "CallbackIngestServiceApplication");
	}

	private static void assertRejects(ArchRule rule, Class<?> violation, String violatedDependency) {
		JavaClasses classes = new ClassFileImporter().importClasses(violation);
		EvaluationResult result = rule.evaluate(classes);
		assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy((detail) -> assertThat(detail).contains(violation.getName()).contains(violatedDependency));
	}

}
