package com.example.payments.vipps.simulator.contract;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link RequiresVippsOpenApiSpec} classes only where the spec can be found: skips
 * them otherwise, or fails them where the spec is required.
 */
public final class VippsOpenApiSpecCondition implements ExecutionCondition {

	/** {@code true} makes a missing spec fail the tests instead of skipping them. */
	public static final String REQUIRED_PROPERTY = "vipps.openapi.required";

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate();
	}

	static ConditionEvaluationResult evaluate() {
		VippsOpenApiSpecSearch search = VippsOpenApiSpecSearch.run();
		if (search.directory() != null) {
			return ConditionEvaluationResult.enabled("Vipps OpenAPI spec found in " + search.directory());
		}
		if (required()) {
			throw new IllegalStateException(
					search.notFound() + " (required: " + REQUIRED_PROPERTY + "=true or CI=true)");
		}
		String reason = "SKIPPED contract tests: " + search.notFound();
		if (told.compareAndSet(false, true)) {
			// Once per test JVM, on the console, not once per class in a report file.
			System.err.println(reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

	static boolean required() {
		String property = System.getProperty(REQUIRED_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Boolean.parseBoolean(property);
		}
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
