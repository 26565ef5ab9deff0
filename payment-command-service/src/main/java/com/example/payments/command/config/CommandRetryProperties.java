package com.example.payments.command.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long one command keeps trying ({@code payments.command.retries.*}); every wait
 * delays only that command's payment. The client repeats some calls itself first
 * ({@code vipps.client.retry.*}).
 *
 * @param maxAttempts calls per command when Vipps refuses for now (rate limit, order
 * locked, unreachable) or the outcome stays unknown without a trace in {@code /details}
 * @param firstBackoff the wait before the second call; doubles per call
 * @param maxWait the longest single wait, also for a {@code Retry-After}; Vipps counts
 * its limits per minute, so keep it at a minute or more in production
 * @param detailsReads {@code /details} reads to confirm one call whose outcome is unclear
 * @param detailsInterval the wait before the second read; doubles per read
 * @param reservationWait how long a capture refused as "not reserved yet" (Payment 62)
 * waits for the user (Vipps gives the user about 10 minutes)
 * @param reservationPollInterval how often it reads {@code /details} meanwhile
 * @param rememberedPayments payments whose recent events this instance keeps as context
 * for {@code /details}
 */
@ConfigurationProperties("payments.command.retries")
public record CommandRetryProperties(@DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration firstBackoff,
		@DefaultValue("60s") Duration maxWait, @DefaultValue("4") int detailsReads,
		@DefaultValue("1s") Duration detailsInterval, @DefaultValue("11m") Duration reservationWait,
		@DefaultValue("5s") Duration reservationPollInterval, @DefaultValue("20000") int rememberedPayments) {

	public CommandRetryProperties {
		if (reservationWait == null || reservationPollInterval == null || reservationPollInterval.isZero()
				|| reservationPollInterval.isNegative() || reservationWait.compareTo(reservationPollInterval) < 0) {
			throw new IllegalArgumentException(
					"payments.command.retries.reservation-poll-interval must be positive and at most reservation-wait");
		}
		if (rememberedPayments < 1) {
			throw new IllegalArgumentException("payments.command.retries.remembered-payments must be at least 1");
		}
	}

}
