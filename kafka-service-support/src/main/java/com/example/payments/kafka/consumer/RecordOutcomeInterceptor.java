package com.example.payments.kafka.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * The record interceptor Spring Boot applies to its listener containers: skips (and
 * counts) records of event types this build does not know, so the listener never sees
 * them and their offsets are committed; and reports a consumer healthy again once it has
 * processed a record after a configuration fault.
 */
public final class RecordOutcomeInterceptor implements RecordInterceptor<Object, Object> {

	private final UnknownEventTypes unknownEventTypes;

	private final ConfigurationFaultReadiness readiness;

	public RecordOutcomeInterceptor(UnknownEventTypes unknownEventTypes, ConfigurationFaultReadiness readiness) {
		this.unknownEventTypes = unknownEventTypes;
		this.readiness = readiness;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return this.unknownEventTypes.skip(record.topic(), record.value()) ? null : record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		this.readiness.recovered(Thread.currentThread().getName());
	}

}
