package com.example.payments.reconciliation.tracking;

import com.example.payments.kafka.streams.SkipUnknownEventTypes;
import com.example.payments.reconciliation.domain.CheckSchedule;
import com.example.payments.schema.event.PaymentEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology: the events and commands topics (co-partitioned: same key, same partition
 * count), each behind the shared skip of unknown types, into one {@link PaymentTracker}
 * with its three stores (payments, due index, counts; RocksDB with changelogs), whose
 * output, the facts only polling found, goes back to the events topic.
 */
public final class ReconciliationTopology {

	private ReconciliationTopology() {
	}

	/**
	 * Build the topology.
	 * @param builder the builder
	 * @param topics the events and commands topics
	 * @param valueSerde the Avro serde of both topics' values
	 * @param eventSerde the Avro serde of the events the tracker publishes
	 * @param skipUnknownEventTypes the shared skip of types this build does not know
	 * @param schedule the check schedule
	 * @param checks where due checks go
	 * @param settings the tracker's settings
	 * @param metrics the metrics
	 * @return the tracker's output stream
	 */
	public static KStream<String, PaymentEvent> build(StreamsBuilder builder, Topics topics, Serde<Object> valueSerde,
			Serde<PaymentEvent> eventSerde, SkipUnknownEventTypes<Object, Object> skipUnknownEventTypes,
			CheckSchedule schedule, DetailsChecks checks, TrackerSettings settings, ReconciliationMetrics metrics) {
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PaymentTracker.PAYMENTS_STORE),
				Serdes.String(), Serdes.ByteArray()));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PaymentTracker.DUE_STORE),
				Serdes.Bytes(), Serdes.ByteArray()));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PaymentTracker.COUNTS_STORE),
				Serdes.String(), Serdes.Long()));
		Consumed<String, Object> consumed = Consumed.with(Serdes.String(), valueSerde);
		KStream<String, Object> events = builder.stream(topics.events(), consumed).processValues(skipUnknownEventTypes);
		KStream<String, Object> commands = builder.stream(topics.commands(), consumed)
			.processValues(skipUnknownEventTypes);
		KStream<String, PaymentEvent> found = events.merge(commands)
			.process(() -> new PaymentTracker(schedule, checks, settings, metrics), PaymentTracker.PAYMENTS_STORE,
					PaymentTracker.DUE_STORE, PaymentTracker.COUNTS_STORE);
		found.to(topics.events(), Produced.with(Serdes.String(), eventSerde));
		return found;
	}

	/**
	 * The name of the payments store, for interactive queries.
	 * @return the store name
	 */
	public static String paymentsStore() {
		return PaymentTracker.PAYMENTS_STORE;
	}

	/**
	 * The topics the tracker reads (and writes the events topic).
	 *
	 * @param events {@code payments.events.v1}
	 * @param commands {@code payments.commands.v1}
	 */
	public record Topics(String events, String commands) {

	}

}
