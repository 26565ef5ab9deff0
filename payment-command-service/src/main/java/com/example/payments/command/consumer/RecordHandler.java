package com.example.payments.command.consumer;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The work {@link KeyOrderedConsumer} does per record. It is called for one record of a
 * key at a time, in offset order, and for records of different keys at the same time.
 *
 * @param <K> the record key
 * @param <V> the record value
 */
public interface RecordHandler<K, V> {

	/**
	 * Start handling a record. Must not block: the work runs asynchronously and the
	 * returned stage says how it ended:
	 * <ul>
	 * <li>normally: done, the offset may be committed and the key's next record
	 * starts;</li>
	 * <li>with {@link RecordHandedBack}: given back unfinished after {@code handBack}
	 * fired (the partition is revoked or the service stops); whoever owns the partition
	 * next handles it again;</li>
	 * <li>with {@link UnprocessableRecord}: it can never be handled and goes to the
	 * dead-letter topic at once;</li>
	 * <li>with anything else: tried again as the shared failure policy says (waits
	 * without limit for transient and configuration failures, a few attempts then the
	 * dead-letter topic for other failures), the key's later records waiting
	 * meanwhile.</li>
	 * </ul>
	 * @param record the record
	 * @param handBack fires when the record should be given back instead of waiting any
	 * longer (its partition is being revoked, or the service stops)
	 * @return how it ended
	 */
	CompletionStage<Void> handle(ConsumerRecord<K, V> record, HandBack handBack);

	/**
	 * The partitions are no longer this consumer's (revoked or lost), after their running
	 * records finished or were handed back: forget what was learned from them.
	 * @param partitions the partitions
	 */
	default void partitionsReleased(Collection<TopicPartition> partitions) {
	}

}
