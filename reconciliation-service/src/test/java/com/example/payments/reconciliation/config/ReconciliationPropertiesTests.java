package com.example.payments.reconciliation.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReconciliationProperties}: the defaults the README documents, binding,
 * and the values refused at start.
 */
class ReconciliationPropertiesTests {

	@Test
	void defaultsToVippsPollingGuidanceAndTheDocumentedNumbersOfChecks() {
		ReconciliationProperties properties = bind(Map.of());
		assertThat(properties.ladders().userWindow().firstCheck()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.ladders().userWindow().maxChecks()).isEqualTo(455);
		assertThat(properties.ladders().userWindow().checksWithin(Duration.ofSeconds(65))).isEqualTo(31);
		assertThat(properties.ladders().reservation().maxChecks()).isEqualTo(204);
		assertThat(properties.ladders().command().maxChecks()).isEqualTo(211);
		assertThat(properties.schedule().minSpacing()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.callbackGrace()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.reservationReminders()).hasSize(3);
		assertThat(properties.topicNames().events()).isEqualTo("payments.events.v1");
		assertThat(properties.details().perMsnCallsPerMinute()).isEqualTo(3000);
	}

	@Test
	void bindsALadderFromConfiguration() {
		ReconciliationProperties properties = bind(Map.of("reconciliation.ladders.user-window.first-check", "1s",
				"reconciliation.ladders.user-window.rungs[0].until", "1m",
				"reconciliation.ladders.user-window.rungs[0].every", "10s"));
		assertThat(properties.ladders().userWindow().maxChecks()).isEqualTo(6);
		assertThat(properties.ladders().reservation()).isEqualTo(ReconciliationProperties.DEFAULT_RESERVATION);
	}

	@Test
	void refusesMoreThanVippsAllowsPerOrderAndUnknownDeadlines() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("reconciliation.details.per-order-calls-per-minute", "121")))
			.havingRootCause()
			.withMessageContaining(
					"reconciliation.details.per-order-calls-per-minute must be between 1 and Vipps' limit of 120");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("reconciliation.reservation-reminders[0].age", "5d",
					"reconciliation.reservation-reminders[0].deadline", "PAYDAY",
					"reconciliation.reservation-reminders[0].deadline-age", "7d")))
			.havingRootCause()
			.withMessageContaining("BANK_RESERVATION, CAPTURE or CANCEL");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("reconciliation.ladders.command.first-check", "10m",
					"reconciliation.ladders.command.rungs[0].until", "5m",
					"reconciliation.ladders.command.rungs[0].every", "1s")))
			.havingRootCause()
			.withMessageContaining("must be later than the first check");
	}

	private static ReconciliationProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("reconciliation",
				ReconciliationProperties.class);
	}

}
