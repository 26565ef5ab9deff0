package com.example.payments.kafka.streams;

import com.example.payments.kafka.consumer.UnknownEventTypes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A processor that forwards every record except those carrying an event type this build
 * does not know, which it counts ({@link UnknownEventTypes}). Put it right after the
 * source: {@code builder.stream(topic).processValues(skipUnknownEventTypes)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SkipUnknownEventTypes<K, V> implements FixedKeyProcessorSupplier<K, V, V> {

	private final UnknownEventTypes unknownEventTypes;

	public SkipUnknownEventTypes(UnknownEventTypes unknownEventTypes) {
		this.unknownEventTypes = unknownEventTypes;
	}

	@Override
	public FixedKeyProcessor<K, V, V> get() {
		return new FixedKeyProcessor<>() {

			private FixedKeyProcessorContext<K, V> context;

			@Override
			public void init(FixedKeyProcessorContext<K, V> context) {
				this.context = context;
			}

			@Override
			public void process(FixedKeyRecord<K, V> record) {
				String topic = this.context.recordMetadata().map((metadata) -> metadata.topic()).orElse("unknown");
				if (!SkipUnknownEventTypes.this.unknownEventTypes.skip(topic, record.value())) {
					this.context.forward(record);
				}
			}

		};
	}

}
