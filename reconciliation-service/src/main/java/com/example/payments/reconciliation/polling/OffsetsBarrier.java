package com.example.payments.reconciliation.polling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.payments.reconciliation.tracking.ReconciliationTopology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when the tracker's state holds every event and command written to a partition
 * before a moment: the end offsets of the events and commands partitions are read after
 * that moment (a {@code /details} answer arrived), and the barrier waits until the
 * tracker's consumer group has committed at least that far. Streams commits only what it
 * processed, and the stream thread applies the answer after that, so the answer is read
 * against every command that could have reached Vipps before it: a capture applied at
 * Vipps but not yet answered to the command service is seen as that command's, never as a
 * new fact under another id ({@code payment-facts}' rule). The same for events, so a
 * callback's fact already written is not written again.
 * <p>
 * One thread, and one request per round for all waiting answers: end offsets for the new
 * ones, committed offsets for those waiting.
 */
public final class OffsetsBarrier implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(OffsetsBarrier.class);

	private final Admin admin;

	private final String groupId;

	private final Topics topics;

	private final Duration timeout;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread named = new Thread(task, "reconciliation-offsets-barrier");
		named.setDaemon(true);
		return named;
	});

	private final ConcurrentLinkedQueue<Waiter> arrived = new ConcurrentLinkedQueue<>();

	private final List<Waiter> waiting = new ArrayList<>();

	/**
	 * Create the barrier.
	 * @param admin an admin client of the cluster
	 * @param groupId the tracker's consumer group (the Streams application id)
	 * @param topics the events and commands topics
	 * @param timeout how long to wait at most
	 * @param pollInterval how often to look
	 */
	public OffsetsBarrier(Admin admin, String groupId, Topics topics, Duration timeout, Duration pollInterval) {
		this.admin = admin;
		this.groupId = groupId;
		this.topics = topics;
		this.timeout = timeout;
		this.thread.scheduleWithFixedDelay(this::round, pollInterval.toMillis(), pollInterval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Wait until the tracker committed both topics' partition up to their ends as of now.
	 * @param partition the partition number (the same for both topics)
	 * @return completes with {@code true} once it has, {@code false} after the timeout
	 */
	public CompletableFuture<Boolean> caughtUp(int partition) {
		Waiter waiter = new Waiter(
				List.of(new TopicPartition(this.topics.events(), partition),
						new TopicPartition(this.topics.commands(), partition)),
				System.nanoTime() + this.timeout.toNanos());
		this.arrived.add(waiter);
		return waiter.done;
	}

	private void round() {
		try {
			List<Waiter> fresh = new ArrayList<>();
			Waiter next;
			while ((next = this.arrived.poll()) != null) {
				fresh.add(next);
			}
			if (!fresh.isEmpty()) {
				Map<TopicPartition, Long> ends;
				try {
					ends = endOffsets(fresh);
				}
				catch (ExecutionException | TimeoutException | RuntimeException ex) {
					logger.warn("Could not read the end offsets for {} answers; their checks are repeated",
							fresh.size(), ex);
					fresh.forEach((waiter) -> waiter.done.complete(false));
					fresh.clear();
					ends = Map.of();
				}
				for (Waiter waiter : fresh) {
					for (TopicPartition partition : waiter.partitions) {
						waiter.required.put(partition, ends.getOrDefault(partition, Long.MAX_VALUE));
					}
				}
				this.waiting.addAll(fresh);
			}
			if (this.waiting.isEmpty()) {
				return;
			}
			Map<TopicPartition, Long> committed = committedOffsets();
			long now = System.nanoTime();
			this.waiting.removeIf((waiter) -> {
				boolean reached = waiter.required.entrySet()
					.stream()
					.allMatch((required) -> committed.getOrDefault(required.getKey(), 0L) >= required.getValue());
				if (reached) {
					waiter.done.complete(true);
					return true;
				}
				if (now - waiter.deadline >= 0) {
					waiter.done.complete(false);
					return true;
				}
				return false;
			});
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Could not read offsets for the barrier; {} answers wait", this.waiting.size(), ex);
			expire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void expire() {
		long now = System.nanoTime();
		this.waiting.removeIf((waiter) -> {
			if (now - waiter.deadline >= 0) {
				waiter.done.complete(false);
				return true;
			}
			return false;
		});
	}

	private Map<TopicPartition, Long> endOffsets(List<Waiter> waiters)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		waiters
			.forEach((waiter) -> waiter.partitions.forEach((partition) -> request.put(partition, OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		this.admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private Map<TopicPartition, Long> committedOffsets()
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<TopicPartition> partitions = new HashSet<>();
		this.waiting.forEach((waiter) -> partitions.addAll(waiter.partitions));
		Map<TopicPartition, OffsetAndMetadata> offsets = this.admin
			.listConsumerGroupOffsets(
					Map.of(this.groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
			.partitionsToOffsetAndMetadata(this.groupId)
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, Long> committed = new HashMap<>();
		offsets.forEach((partition, offset) -> committed.put(partition, (offset != null) ? offset.offset() : 0L));
		return committed;
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		this.waiting.forEach((waiter) -> waiter.done.complete(false));
		this.arrived.forEach((waiter) -> waiter.done.complete(false));
	}

	/** One answer waiting for the tracker. */
	private static final class Waiter {

		private final List<TopicPartition> partitions;

		private final long deadline;

		private final Map<TopicPartition, Long> required = new HashMap<>();

		private final CompletableFuture<Boolean> done = new CompletableFuture<>();

		Waiter(List<TopicPartition> partitions, long deadline) {
			this.partitions = partitions;
			this.deadline = deadline;
		}

	}

}
