package com.example.payments.vipps.simulator.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or a test method) that checks exchanges against the official Vipps
 * OpenAPI spec, which lives outside the repository. Where the spec is missing the class
 * is skipped with one line saying where it was looked for and how to point at it, so
 * {@code ./mvnw verify} passes on a fresh clone; where it is required
 * ({@code -Dvipps.openapi.required=true}, which the build's {@code ci} profile sets, or
 * {@code CI=true}) the class fails instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VippsOpenApiSpecCondition.class)
public @interface RequiresVippsOpenApiSpec {

}
