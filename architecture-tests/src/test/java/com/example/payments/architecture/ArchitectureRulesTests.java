package com.example.payments.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules hold for every module's production code.
 */
class ArchitectureRulesTests {

	private static JavaClasses production;

	@BeforeAll
	static void importProductionClasses() {
		// Every module's classes (jars or class folders), none of the tests: the
		// deliberate violations of ArchitectureRulesRejectViolationsTests stay out.
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.example.payments");
	}

	@Test
	void seesEveryModule() {
		for (PaymentsModule module : PaymentsModule.values()) {
			assertThat(production
				.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(module.packages())))
				.as(module.name())
				.isNotEmpty();
		}
	}

	@Test
	void simulatorDependsOnNoOtherModule() {
		check(ArchitectureRules.SIMULATOR_DEPENDS_ON_NO_OTHER_MODULE);
	}

	@Test
	void servicesCallVippsOnlyThroughVippsClient() {
		check(ArchitectureRules.SERVICES_CALL_VIPPS_ONLY_THROUGH_VIPPS_CLIENT);
	}

	@Test
	void domainCodeIsFreeOfFrameworkTypes() {
		check(ArchitectureRules.DOMAIN_IS_FREE_OF_FRAMEWORK_TYPES);
	}

	@Test
	void productionCodeDependsOnNoTestModule() {
		check(ArchitectureRules.PRODUCTION_CODE_DEPENDS_ON_NO_TEST_MODULE);
	}

	@Test
	void noModuleReadsAnotherModulesInternals() {
		check(ArchitectureRules.NO_MODULE_READS_ANOTHER_MODULES_INTERNALS);
	}

	private static void check(ArchRule rule) {
		rule.check(production);
	}

}
