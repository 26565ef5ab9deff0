package com.example.payments.kafka.streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.example.payments.kafka.consumer.ConsumerFailureMetrics;
import com.example.payments.kafka.consumer.RecordFailurePolicy;
import com.example.payments.schema.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Builds the dead letter of a record Kafka Streams could not deserialize or process: the
 * original key and value bytes on {@code <topic>.dlt}, same partition, with the original
 * headers and spring-kafka's {@code kafka_dlt-*} headers (so listener and Streams dead
 * letters look alike to people and replay tools). Streams writes it (in the same
 * transaction under exactly-once) when a handler returns it with {@code resume}.
 */
final class StreamsDeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(StreamsDeadLetters.class);

	private final String applicationId;

	private final ConsumerFailureMetrics metrics;

	StreamsDeadLetters(String applicationId, ConsumerFailureMetrics metrics) {
		this.applicationId = applicationId;
		this.metrics = metrics;
	}

	ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value, Exception failure,
			RecordFailurePolicy.Verdict verdict) {
		Headers headers = new RecordHeaders(context.headers().toArray());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(context.topic()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(context.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(context.offset()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(context.timestamp()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(this.applicationId));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(failure.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(failure.getMessage())));
		headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(stackTrace(failure)));
		logger.error("Sending {}-{}@{} (processor {}) to the dead-letter topic ({})", context.topic(),
				context.partition(), context.offset(), context.processorNodeId(), verdict, failure);
		this.metrics.deadLettered(context.topic(), verdict);
		return new ProducerRecord<>(Topics.deadLetterTopicOf(context.topic()), context.partition(), key, value,
				headers);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String stackTrace(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
