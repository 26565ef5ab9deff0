package com.example.payments.ingest.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka producer's ceiling on the same broker: records of an event's size sent as
 * fast as the producer acknowledges them, {@code acks=all}, idempotent, the service's
 * linger, many records in flight: what the service's publishing cannot exceed.
 */
final class ProducerCeiling {

	private ProducerCeiling() {
	}

	/**
	 * Measure.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param duration how long to send
	 * @return acknowledged records per second
	 */
	static double recordsPerSecond(String bootstrapServers, String topic, Duration duration) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		byte[] value = new byte[260];
		Semaphore inFlight = new Semaphore(20_000);
		AtomicLong acknowledged = new AtomicLong();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			long i = 0;
			while (System.nanoTime() < end) {
				inFlight.acquireUninterruptibly();
				producer.send(new ProducerRecord<>(topic, "123456:ceiling-" + (i++ % 100_000), value),
						(metadata, failure) -> {
							if (failure == null) {
								acknowledged.incrementAndGet();
							}
							inFlight.release();
						});
			}
			producer.flush();
			return acknowledged.get() / ((System.nanoTime() - start) / 1e9);
		}
	}

}
