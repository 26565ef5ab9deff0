package com.example.payments.kafka.streams;

import java.util.List;

import com.example.payments.kafka.consumer.RecordFailurePolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Kafka Streams' deserialization exception handler with the consumers' three classes:
 * poison (and anything else that is not a registry fault) goes to {@code <topic>.dlt}
 * with its original bytes and processing resumes; a transient or configuration fault
 * stops the stream thread, which {@link BackingOffThreadReplacement} replaces after a
 * back-off, so the record is read again and never skipped. That fault is rare here:
 * {@link SchemaWaitingConsumer} holds records back until their schemas are at hand.
 */
public class ClassifyingDeserializationExceptionHandler extends ClassifyingStreamsHandler
		implements DeserializationExceptionHandler {

	@Override
	public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
			Exception exception) {
		RecordFailurePolicy.Verdict verdict = classify(exception);
		if (verdict.waits()) {
			return Response.fail();
		}
		RecordFailurePolicy.Verdict reported = (verdict == RecordFailurePolicy.Verdict.UNCLASSIFIED)
				? RecordFailurePolicy.Verdict.POISON : verdict;
		return Response.resume(List.of(deadLetter(context, record.key(), record.value(), exception, reported)));
	}

}
