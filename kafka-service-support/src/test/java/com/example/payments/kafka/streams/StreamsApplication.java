package com.example.payments.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.payments.kafka.consumer.ConsumerErrorHandlingAutoConfiguration;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.testsupport.KafkaTestEnvironment;
import com.example.payments.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * A Streams service shell as the reconciliation service will be built: Spring Boot's
 * Kafka auto-configuration plus this module's, exactly-once, and a topology that reads
 * payment events with {@link StreamsAvroSerdes}, skips unknown event types and writes
 * each event's id to an output topic. An event of amount {@value #REJECTED_AMOUNT} makes
 * the topology throw, to play an application failure.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsApplication {

	static final long REJECTED_AMOUNT = 66_600;

	static ApplicationContextRunner runner(String bootstrapServers, String registryUrl, String input, String output,
			Path stateDir) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
					ConsumerErrorHandlingAutoConfiguration.class, StreamsErrorHandlingAutoConfiguration.class,
					ApplicationAvailabilityAutoConfiguration.class))
			.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrapServers,
					"spring.kafka.streams.application-id=reconciliation-" + System.nanoTime(),
					"spring.kafka.streams.state-dir=" + stateDir,
					"spring.kafka.streams.properties[processing.guarantee]=exactly_once_v2",
					"spring.kafka.streams.properties[commit.interval.ms]=100",
					"spring.kafka.properties[schema.registry.url]=" + registryUrl,
					"payments.kafka.errors.initial-interval=200ms", "payments.kafka.errors.max-interval=1s",
					"test.input=" + input, "test.output=" + output);
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	KStream<String, Object> topology(StreamsBuilder builder, StreamsAvroSerdes serdes,
			SkipUnknownEventTypes<Object, Object> skipUnknownEventTypes, @Value("${test.input}") String input,
			@Value("${test.output}") String output) {
		KStream<String, Object> events = builder.stream(input, Consumed.with(Serdes.String(), serdes.value()));
		events.processValues(skipUnknownEventTypes).mapValues((value) -> {
			PaymentEvent event = (PaymentEvent) value;
			if (event.getEvent() instanceof com.example.payments.schema.event.PaymentReserved reserved
					&& reserved.getAmount() == REJECTED_AMOUNT) {
				throw new IllegalStateException("the topology cannot handle order " + event.getOrderId());
			}
			return event.getEventId();
		}).to(output, Produced.with(Serdes.String(), Serdes.String()));
		return events;
	}

	/**
	 * What the topology committed to its output (read_committed: aborted transactions do
	 * not count), waiting until there are at least {@code expected} values.
	 * @param kafka the environment
	 * @param output the output topic
	 * @param expected how many values to wait for
	 * @return the committed values
	 */
	static List<String> committedOutput(KafkaTestEnvironment.Environment kafka, String output, int expected) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = TopicRecords.consumer(kafka,
				Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
			consumer.subscribe(List.of(output));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			// Then a little longer, to see any duplicate that would follow.
			long settle = Long.MAX_VALUE;
			while (System.nanoTime() < Math.min(deadline, settle)) {
				consumer.poll(Duration.ofMillis(200))
					.forEach((record) -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
				if (values.size() >= expected && settle == Long.MAX_VALUE) {
					settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				}
			}
		}
		return values;
	}

}
