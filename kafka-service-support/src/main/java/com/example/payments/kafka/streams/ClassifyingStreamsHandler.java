package com.example.payments.kafka.streams;

import java.util.Map;

import com.example.payments.kafka.consumer.RecordFailurePolicy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What the deserialization and processing exception handlers share: the policy and the
 * dead letters, from the Streams configuration ({@link StreamsErrorHandling}).
 */
abstract class ClassifyingStreamsHandler implements Configurable {

	private StreamsErrorHandling handling;

	private StreamsDeadLetters deadLetters;

	@Override
	public void configure(Map<String, ?> configs) {
		this.handling = StreamsErrorHandling.from(configs);
		this.deadLetters = this.handling.deadLetters(configs);
	}

	final RecordFailurePolicy.Verdict classify(Exception exception) {
		return this.handling.policy().classify(exception);
	}

	final ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
			Exception exception, RecordFailurePolicy.Verdict verdict) {
		return this.deadLetters.deadLetter(context, key, value, exception, verdict);
	}

}
