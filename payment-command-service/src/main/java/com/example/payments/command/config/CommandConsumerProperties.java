package com.example.payments.command.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the command consumer runs ({@code payments.command.consumer.*}); the consumer group
 * and client settings are Boot's {@code spring.kafka.consumer.*}.
 *
 * @param maxUnfinished commands handed out and not finished above which the consumer
 * pauses its partitions (resumed at half); with Vipps calls of {@code t} seconds it
 * allows about {@code maxUnfinished / t} commands a second, and also bounds the memory
 * they hold
 * @param workers threads that start commands and publish their events (the work itself is
 * asynchronous: keep it small)
 * @param commitInterval how often finished offsets are committed
 * @param drainTimeout how long a rebalance or a shutdown waits for running commands
 * before giving them back; below {@code max.poll.interval.ms} and the shutdown timeout
 * @param pollTimeout the longest a poll blocks
 */
@ConfigurationProperties("payments.command.consumer")
public record CommandConsumerProperties(@DefaultValue("2000") int maxUnfinished, @DefaultValue("2") int workers,
		@DefaultValue("200ms") Duration commitInterval, @DefaultValue("20s") Duration drainTimeout,
		@DefaultValue("100ms") Duration pollTimeout) {

	public CommandConsumerProperties {
		if (maxUnfinished < 1) {
			throw new IllegalArgumentException("payments.command.consumer.max-unfinished must be at least 1");
		}
		if (workers < 1) {
			throw new IllegalArgumentException("payments.command.consumer.workers must be at least 1");
		}
	}

}
