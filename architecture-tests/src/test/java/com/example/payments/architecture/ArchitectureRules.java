package com.example.payments.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The architecture rules of {@code ../shared/docs/STYLE.md} and the ADRs, over production
 * code. Each is checked against the real code by {@link ArchitectureRulesTests} and shown
 * rejecting a deliberate violation by {@link ArchitectureRulesRejectViolationsTests}.
 */
final class ArchitectureRules {

	/**
	 * The simulator takes its truth from the Vipps spec and guide, never from our code,
	 * so a misread field cannot be wrong on both sides and pass (ADR 0004).
	 */
	static final ArchRule SIMULATOR_DEPENDS_ON_NO_OTHER_MODULE = ArchRuleDefinition.noClasses()
		.that()
		.resideInAPackage(PaymentsModule.VIPPS_SIMULATOR.packages())
		.should()
		.dependOnClassesThat(JavaClass.Predicates.resideInAPackage(PaymentsModule.ALL_OF_OURS)
			.and(DescribedPredicate
				.not(JavaClass.Predicates.resideInAPackage(PaymentsModule.VIPPS_SIMULATOR.packages()))))
		.as("vipps-simulator depends on no other module of ours")
		.because("it shares no code with what it simulates for (ADR 0004)");

	/** HTTP clients a service could call Vipps with behind vipps-client's back. */
	private static final DescribedPredicate<JavaClass> HTTP_CLIENTS = JavaClass.Predicates
		.resideInAnyPackage("org.springframework.web.reactive.function.client..", "org.springframework.web.client..",
				"java.net.http..", "reactor.netty.http.client..", "org.apache.hc..", "okhttp3..")
		.or(JavaClass.Predicates.type(java.net.HttpURLConnection.class))
		.as("an HTTP client");

	/**
	 * The one HTTP client a service may hold besides vipps-client: the reconciliation
	 * service forwarding a query to its own instance that owns the payment (Kafka Streams
	 * interactive queries), at the address Kafka Streams reports, never to Vipps.
	 */
	static final String INSTANCE_FORWARDING = "com.example.payments.reconciliation.query.forwarding..";

	/**
	 * Tokens, retries, error decoding and the outcome of a call that may have been
	 * applied live in one place; a service with its own WebClient would get them wrong.
	 */
	static final ArchRule SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT = ArchRuleDefinition.noClasses()
		.that(JavaClass.Predicates.resideInAnyPackage(PaymentsModule.packagesOf(PaymentsModule.services()))
			.and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(INSTANCE_FORWARDING)))
			.as("services' classes (but the reconciliation service's forwarding to its own instances)"))
		.should()
		.dependOnClassesThat(
				HTTP_CLIENTS.or(JavaClass.Predicates.resideInAPackage(PaymentsModule.VIPPS_SIMULATOR.packages())))
		.as("services call Vipps only through vipps-client")
		.because("only vipps-client (and the simulator, in tests) speaks the Vipps HTTP API");

	/**
	 * What pure domain logic must not touch (STYLE.md: state machine, mapping, schedules,
	 * HMAC).
	 */
	private static final DescribedPredicate<JavaClass> FRAMEWORK_TYPES = JavaClass.Predicates
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "org.apache.avro..",
				"com.fasterxml.jackson..", "tools.jackson..", "reactor..")
		.or(JavaClass.Predicates.assignableTo("org.apache.avro.specific.SpecificRecord"))
		.as("Spring, Kafka, Avro (generated records included), Jackson or Reactor types");

	/**
	 * Applies to every {@code ..domain..} package, including those the services have not
	 * written yet: an empty set of classes passes.
	 */
	static final ArchRule DOMAIN_IS_FREE_OF_FRAMEWORK_TYPES = ArchRuleDefinition.noClasses()
		.that()
		.resideInAPackage("com.example.payments..domain..")
		.should()
		.dependOnClassesThat(FRAMEWORK_TYPES)
		.allowEmptyShould(true)
		.as("domain code is free of framework types")
		.because("STYLE.md keeps the pure domain logic free of Spring, Kafka and Avro types");

	/** Test helpers and the Vipps stand-in never reach production code. */
	static final ArchRule PRODUCTION_CODE_DEPENDS_ON_NO_TEST_MODULE = ArchRuleDefinition.noClasses()
		.that()
		.resideOutsideOfPackages(PaymentsModule.TEST_SUPPORT.packages(), PaymentsModule.VIPPS_SIMULATOR.packages(),
				PaymentsModule.LOCAL_STACK.packages())
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(PaymentsModule.TEST_SUPPORT.packages(), PaymentsModule.VIPPS_SIMULATOR.packages())
		.as("production code depends on neither test-support nor vipps-simulator")
		.because("both are test scope (local-stack, a development tool, borrows test-support's broker)");

	/** No module reads another module's internal packages ({@link PaymentsModule}). */
	static final ArchRule NO_MODULE_READS_ANOTHER_MODULES_INTERNALS = CompositeArchRule
		.of(internalsOf(PaymentsModule.withInternals()))
		.as("no module reads another module's internals");

	private ArchitectureRules() {
	}

	private static List<ArchRule> internalsOf(List<PaymentsModule> modules) {
		return modules.stream()
			.<ArchRule>map((module) -> ArchRuleDefinition.noClasses()
				.that()
				.resideOutsideOfPackage(module.packages())
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(module.internalPackages().toArray(String[]::new))
				// Judging only classes of the module itself leaves nothing to check:
				// fine.
				.allowEmptyShould(true)
				.as("no other module reads the internals of " + module.name().toLowerCase().replace('_', '-')))
			.toList();
	}

	static List<ArchRule> all() {
		return List.of(SIMULATOR_DEPENDS_ON_NO_OTHER_MODULE, SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT,
				DOMAIN_IS_FREE_OF_FRAMEWORK_TYPES, PRODUCTION_CODE_DEPENDS_ON_NO_TEST_MODULE,
				NO_MODULE_READS_ANOTHER_MODULES_INTERNALS);
	}

}
