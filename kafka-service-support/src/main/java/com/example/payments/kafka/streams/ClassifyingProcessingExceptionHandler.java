package com.example.payments.kafka.streams;

import java.util.List;

import com.example.payments.kafka.consumer.RecordFailurePolicy;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' processing exception handler with the consumers' classes: a transient or
 * configuration fault (e.g. the registry, while a processor serializes) stops the stream
 * thread, which {@link BackingOffThreadReplacement} replaces after a back-off, so the
 * record is processed again from the last commit; anything else goes to
 * {@code <topic>.dlt} with the source record's original bytes, and processing resumes.
 * Streams cannot retry one record in place, so an application failure is dead-lettered at
 * once rather than after a few attempts as in a listener.
 */
public class ClassifyingProcessingExceptionHandler extends ClassifyingStreamsHandler
		implements ProcessingExceptionHandler {

	@Override
	public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
		RecordFailurePolicy.Verdict verdict = classify(exception);
		if (verdict.waits()) {
			return Response.fail();
		}
		return Response
			.resume(List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception, verdict)));
	}

}
