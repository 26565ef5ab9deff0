package com.example.payments.kafka.consumer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.example.payments.serde.UnknownUnionBranch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises records that carry a type this build does not know (a record type producers
 * added to a union after this service was built, read by the serde as an
 * {@link UnknownUnionBranch}), counts them and says to skip them: a consumer that cannot
 * upgrade before the producers neither crashes nor dead-letters them.
 *
 * <p>
 * Counter {@value #METRIC}, tags {@code topic} and {@code type} (the unknown type's full
 * name); never the order id. The first record of each type and topic is logged at warn
 * level, later ones at debug.
 */
public final class UnknownEventTypes {

	/** The counter of skipped records. */
	public static final String METRIC = "payments.consumer.unknown.events";

	private static final Logger logger = LoggerFactory.getLogger(UnknownEventTypes.class);

	private final MeterRegistry meters;

	private final Map<TopicAndType, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Count into a registry.
	 * @param meters the registry; {@link Metrics#globalRegistry} when the application has
	 * none
	 */
	public UnknownEventTypes(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Tell whether a deserialized value carries an unknown type, and if so count it.
	 * @param topic the topic the value came from
	 * @param value the deserialized value (e.g. a {@code PaymentEvent}); may be
	 * {@code null}
	 * @return {@code true} if the record must be skipped
	 */
	public boolean skip(String topic, Object value) {
		Optional<UnknownUnionBranch> unknown = UnknownUnionBranch.findIn(value);
		if (unknown.isEmpty()) {
			return false;
		}
		String type = unknown.get().typeName();
		TopicAndType key = new TopicAndType(topic, type);
		Counter counter = this.counters.get(key);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(key,
					(ignored) -> Counter.builder(METRIC)
						.description("Records skipped because they carry a type this build does not know")
						.tag("topic", topic)
						.tag("type", type)
						.register(this.meters));
			logger.warn("Skipping records of type {} on {}: this build does not know the type (a newer producer "
					+ "added it); counted in {}", type, topic, METRIC);
		}
		else {
			logger.debug("Skipping a record of unknown type {} on {}", type, topic);
		}
		counter.increment();
		return true;
	}

	private record TopicAndType(String topic, String type) {
	}

}
