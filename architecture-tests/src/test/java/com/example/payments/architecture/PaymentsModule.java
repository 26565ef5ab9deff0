package com.example.payments.architecture;

import java.util.Arrays;
import java.util.List;

/**
 * Every module of the build by its root package, and what of it is internal: the one
 * place the architecture rules learn the modules from. A new module adds a line here.
 */
enum PaymentsModule {

	SCHEMAS("com.example.payments.schema"),

	KAFKA_AVRO_SERDE("com.example.payments.serde"),

	/**
	 * Its server classes (RegistryApi, SchemaJournal, JournalEntry) are package-private,
	 * so Java itself keeps them internal; the public face is SchemaRegistryLite and
	 * SchemaStore.
	 */
	SCHEMA_REGISTRY_LITE("com.example.payments.registry"),

	/** Its readiness indicators are wired by auto-configuration, never used directly. */
	KAFKA_SERVICE_SUPPORT("com.example.payments.kafka", "com.example.payments.kafka.health.."),

	/** Test scope only (local-stack, a development tool, borrows its broker). */
	TEST_SUPPORT("com.example.payments.testsupport"),

	/** An application: nothing depends on it. */
	LOCAL_STACK("com.example.payments.localstack", "com.example.payments.localstack.."),

	/** Depends on no other module; its engine and web layer are its own business. */
	VIPPS_SIMULATOR("com.example.payments.vipps.simulator", "com.example.payments.vipps.simulator.engine..",
			"com.example.payments.vipps.simulator.web.."),

	VIPPS_CLIENT("com.example.payments.vipps.client"),

	/**
	 * A plain library: Vipps' answers, callbacks and /details as events with their ids.
	 */
	PAYMENT_FACTS("com.example.payments.facts"),

	/** A service: no other module depends on it, and no service on another. */
	PAYMENT_COMMAND_SERVICE("com.example.payments.command", "com.example.payments.command.."),

	CALLBACK_INGEST_SERVICE("com.example.payments.ingest", "com.example.payments.ingest.."),

	RECONCILIATION_SERVICE("com.example.payments.reconciliation", "com.example.payments.reconciliation..");

	/** Everything of ours. */
	static final String ALL_OF_OURS = "com.example.payments..";

	private final String rootPackage;

	private final List<String> internalPackages;

	PaymentsModule(String rootPackage, String... internalPackages) {
		this.rootPackage = rootPackage;
		this.internalPackages = List.of(internalPackages);
	}

	/**
	 * The module's packages as an ArchUnit package pattern.
	 * @return e.g. {@code com.example.payments.vipps.simulator..}
	 */
	String packages() {
		return this.rootPackage + "..";
	}

	/**
	 * Packages of this module that no other module may depend on, as ArchUnit patterns.
	 * @return the patterns, empty when everything public is open to others
	 */
	List<String> internalPackages() {
		return this.internalPackages;
	}

	static List<PaymentsModule> services() {
		return List.of(PAYMENT_COMMAND_SERVICE, CALLBACK_INGEST_SERVICE, RECONCILIATION_SERVICE);
	}

	static String[] packagesOf(List<PaymentsModule> modules) {
		return modules.stream().map(PaymentsModule::packages).toArray(String[]::new);
	}

	static List<PaymentsModule> withInternals() {
		return Arrays.stream(values()).filter((module) -> !module.internalPackages.isEmpty()).toList();
	}

}
