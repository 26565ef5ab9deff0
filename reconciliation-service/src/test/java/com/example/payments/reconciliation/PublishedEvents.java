package com.example.payments.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.event.EventSource;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * What consumers of the events topic see, read committed (as fulfilment reads it): a
 * background reader a test asks about payments.
 */
final class PublishedEvents implements AutoCloseable {

	private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();

	private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

	private final Thread reader;

	private volatile boolean running = true;

	PublishedEvents(KafkaTestEnvironment.Environment kafka, String topic) {
		this(kafka, kafka.schemaRegistryUrl(), topic);
	}

	PublishedEvents(KafkaTestEnvironment.Environment kafka, String registryUrl, String topic) {
		Map<String, Object> properties = new HashMap<>(kafka.avroConsumerProperties("reader-" + System.nanoTime()));
		properties.put("schema.registry.url", registryUrl);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(properties);
		consumer.subscribe(List.of(topic));
		this.reader = new Thread(() -> {
			try (consumer) {
				while (this.running) {
					try {
						consumer.poll(Duration.ofMillis(100)).forEach((record) -> {
							PaymentEvent event = (PaymentEvent) record.value();
							this.firstSeen.putIfAbsent(event.getEventId(), System.currentTimeMillis());
							this.events.add(event);
						});
					}
					catch (RecordDeserializationException unreadable) {
						// Poison a test put there on purpose: consumers dead-letter it.
						consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
					}
				}
			}
		}, "published-events");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Every event of a payment read so far, in order.
	 * @param payment the payment
	 * @return its events
	 */
	List<PaymentEvent> of(PaymentKey payment) {
		List<PaymentEvent> of = new ArrayList<>();
		for (PaymentEvent event : this.events) {
			if (event.getMerchantSerialNumber().equals(payment.merchantSerialNumber())
					&& event.getOrderId().equals(payment.orderId())) {
				of.add(event);
			}
		}
		return of;
	}

	/**
	 * The events reconciliation published for a payment.
	 * @param payment the payment
	 * @return its reconciliation events
	 */
	List<PaymentEvent> reconciled(PaymentKey payment) {
		return of(payment).stream().filter((event) -> event.getSource() == EventSource.RECONCILIATION).toList();
	}

	/**
	 * When this reader first saw an event id.
	 * @param eventId the id
	 * @return epoch millis, or {@code null} when not seen yet
	 */
	Long firstSeen(String eventId) {
		return this.firstSeen.get(eventId);
	}

	List<PaymentEvent> all() {
		return List.copyOf(this.events);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.reader.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
