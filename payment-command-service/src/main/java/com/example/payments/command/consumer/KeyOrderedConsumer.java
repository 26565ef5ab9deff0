package com.example.payments.command.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.payments.command.consumer.PartitionQueues.Commit;
import com.example.payments.command.consumer.PartitionQueues.Entry;
import com.example.payments.kafka.consumer.RecordFailurePolicy.Verdict;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOffExecution;

/**
 * Consumes topics with one record per key at a time and many keys at once (ADR 0012). One
 * thread polls and owns the Kafka consumer; records go into per-partition, per-key queues
 * ({@link PartitionQueues}); a key's first record starts at once on the worker executor,
 * its next one when it finishes, on whichever thread finished it. Offsets are committed
 * only up to the first unfinished record of each partition, so a crash at any point loses
 * nothing: every record after the committed offset is delivered again; the records
 * finished above it travel in the commit's metadata ({@link CompletedOffsets}), so the
 * partition's next owner skips them instead of handling them twice.
 * <ul>
 * <li>Back-pressure: above {@code maxUnfinished} records every partition is paused (the
 * consumer keeps polling, so it stays in its group), and resumed at half.</li>
 * <li>Failures follow the shared policy ({@link ConsumerFailures}): a record that cannot
 * be deserialized because the registry is out waits with its partition paused and the
 * position on it; poison goes to the dead-letter topic; a handler failure retries the
 * same record after the policy's back-off, its key's later records waiting.</li>
 * <li>Revocation and stop: records not started are forgotten (uncommitted), every
 * partition's {@link HandBack} fires so waiting records give themselves back, running
 * ones get {@code drainTimeout} to finish, then the finished offsets are committed
 * synchronously.</li>
 * </ul>
 *
 * @param <K> the record key
 * @param <V> the record value
 */
public final class KeyOrderedConsumer<K, V> {

	private static final Logger logger = LoggerFactory.getLogger(KeyOrderedConsumer.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final Consumer<K, V> consumer;

	private final Collection<String> topics;

	private final RecordHandler<K, V> handler;

	private final Executor workers;

	private final KeyOrderedConsumerSettings settings;

	private final ConsumerFailures failures;

	private final ScheduledExecutorService timer;

	private final Map<TopicPartition, Assignment> assignments = new ConcurrentHashMap<>();

	/** Work that must run on the poll thread (it uses the consumer). */
	private final Queue<Runnable> pollThreadTasks = new ConcurrentLinkedQueue<>();

	/** Partitions held after a record could not be read, and when to try again. */
	private final Map<TopicPartition, Hold> held = new HashMap<>();

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean stopping;

	private boolean pausedForLoad;

	private long lastCommitNanos;

	/**
	 * Create the consumer; {@link #run()} starts it.
	 * @param consumer a Kafka consumer with automatic commits off, used only by the
	 * thread that calls {@link #run()}
	 * @param topics the topics to subscribe to
	 * @param handler the work per record
	 * @param workers where records start (keep it small: handlers do not block)
	 * @param settings limits and timeouts
	 * @param failures the shared failure handling
	 */
	public KeyOrderedConsumer(Consumer<K, V> consumer, Collection<String> topics, RecordHandler<K, V> handler,
			Executor workers, KeyOrderedConsumerSettings settings, ConsumerFailures failures) {
		this.consumer = consumer;
		this.topics = List.copyOf(topics);
		this.handler = handler;
		this.workers = workers;
		this.settings = settings;
		this.failures = failures;
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, settings.name() + "-retries");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Poll, hand out and commit until {@link #stop} is called; then drain and close the
	 * consumer. Runs on the calling thread.
	 */
	public void run() {
		try {
			this.consumer.subscribe(this.topics, new Rebalance());
			this.lastCommitNanos = System.nanoTime();
			while (!this.stopping) {
				runPollThreadTasks();
				resumeHeldPartitions();
				applyBackPressure();
				poll();
				commitIfDue();
			}
			runPollThreadTasks();
			release(List.copyOf(this.assignments.keySet()), true);
		}
		catch (RuntimeException ex) {
			logger.error("Consumer {} stopped after an unexpected failure; its partitions go to another member",
					this.settings.name(), ex);
			throw ex;
		}
		finally {
			try {
				this.consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
			}
			finally {
				this.timer.shutdownNow();
				this.finished.countDown();
			}
		}
	}

	/**
	 * Stop: no new records start, waiting ones are handed back, running ones get the
	 * drain timeout, finished offsets are committed, the consumer leaves its group.
	 * @param timeout how long to wait for all that to happen
	 * @return {@code true} when it stopped within the timeout
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean stop(Duration timeout) throws InterruptedException {
		this.stopping = true;
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Records handed out and not finished, over all partitions.
	 * @return the count
	 */
	public int unfinished() {
		return this.assignments.values().stream().mapToInt((assignment) -> assignment.queues.unfinished()).sum();
	}

	/**
	 * Records being handled right now (started, not finished), over all partitions.
	 * @return the count
	 */
	public int running() {
		return this.assignments.values().stream().mapToInt((assignment) -> assignment.queues.running()).sum();
	}

	private void poll() {
		ConsumerRecords<K, V> records;
		try {
			records = this.consumer.poll(this.settings.pollTimeout());
		}
		catch (RecordDeserializationException ex) {
			unreadable(ex);
			return;
		}
		catch (WakeupException ex) {
			return;
		}
		if (records.isEmpty()) {
			return;
		}
		this.failures.readiness().recovered(this.settings.name());
		for (ConsumerRecord<K, V> record : records) {
			accept(record);
		}
	}

	private void accept(ConsumerRecord<K, V> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		Assignment assignment = this.assignments.get(partition);
		if (assignment == null || assignment.queues.isClosed()) {
			return;
		}
		Hold hold = this.held.get(partition);
		if (hold != null && hold.offset == record.offset()) {
			// The record that could not be read is readable again.
			this.held.remove(partition);
		}
		if (assignment.finishedBefore.remove(record.offset())
				|| this.failures.unknownTypes().skip(record.topic(), record.value())) {
			// Finished by this partition's previous owner, or of a type this build skips.
			assignment.queues.addFinished(record.offset());
			return;
		}
		Entry<Work<K, V>> startable = assignment.queues.add(record.key(), record.offset(), new Work<>(record));
		if (startable != null) {
			dispatch(assignment, startable);
		}
	}

	private void dispatch(Assignment assignment, Entry<Work<K, V>> entry) {
		this.workers.execute(() -> start(assignment, entry));
	}

	private void start(Assignment assignment, Entry<Work<K, V>> entry) {
		if (assignment.handBack.hasFired()) {
			assignment.queues.handBack(entry);
			return;
		}
		CompletionStage<Void> stage;
		try {
			stage = this.handler.handle(entry.item().record, assignment.handBack);
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		stage.whenComplete((ignored, failure) -> ended(assignment, entry, failure));
	}

	private void ended(Assignment assignment, Entry<Work<K, V>> entry, Throwable failure) {
		if (failure == null) {
			finish(assignment, entry);
			return;
		}
		Throwable cause = unwrap(failure);
		ConsumerRecord<K, V> record = entry.item().record;
		if (assignment.queues.isClosed()) {
			if (!(cause instanceof RecordHandedBack)) {
				logger.info("Giving back {}-{}@{} after a failure while its partition is released: {}", record.topic(),
						record.partition(), record.offset(), cause.toString());
			}
			assignment.queues.handBack(entry);
			return;
		}
		if (cause instanceof UnprocessableRecord) {
			deadLetter(assignment, entry, cause, Verdict.POISON);
			return;
		}
		Verdict verdict = (cause instanceof RecordHandedBack) ? Verdict.TRANSIENT
				: this.failures.policy().classify(cause);
		if (verdict == Verdict.POISON) {
			deadLetter(assignment, entry, cause, verdict);
			return;
		}
		Work<K, V> work = entry.item();
		if (work.backOff == null || work.verdict != verdict) {
			work.backOff = this.failures.policy().backOff(cause).start();
			work.verdict = verdict;
		}
		long wait = work.backOff.nextBackOff();
		if (wait == BackOffExecution.STOP) {
			logger.error("Dead-lettering {}-{}@{}: it failed every attempt; last failure: {}", record.topic(),
					record.partition(), record.offset(), cause.toString(), cause);
			deadLetter(assignment, entry, cause, verdict);
			return;
		}
		this.failures.metrics().retried(record.topic(), verdict);
		if (verdict == Verdict.CONFIGURATION) {
			this.failures.readiness().failing(this.settings.name(), cause);
		}
		logger.warn("Retrying {}-{}@{} in {} ms (its key's later records wait): {}", record.topic(), record.partition(),
				record.offset(), wait, cause.toString());
		park(assignment, entry, wait, () -> start(assignment, entry));
	}

	private void finish(Assignment assignment, Entry<Work<K, V>> entry) {
		Entry<Work<K, V>> next = assignment.queues.finish(entry);
		if (next != null) {
			dispatch(assignment, next);
		}
	}

	private void deadLetter(Assignment assignment, Entry<Work<K, V>> entry, Throwable cause, Verdict verdict) {
		park(assignment, entry, 0, () -> this.pollThreadTasks.add(() -> {
			if (assignment.queues.isClosed()) {
				assignment.queues.handBack(entry);
				return;
			}
			ConsumerRecord<K, V> record = entry.item().record;
			try {
				this.failures.deadLetters().accept(record, this.consumer, asException(cause));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not dead-letter {}-{}@{} yet; trying again: {}", record.topic(), record.partition(),
						record.offset(), ex.toString());
				park(assignment, entry, 1_000, () -> deadLetter(assignment, entry, cause, verdict));
				return;
			}
			this.failures.metrics().deadLettered(record.topic(), verdict);
			finish(assignment, entry);
		}));
	}

	// Runs then after delayMillis, unless the partition is released first: then the
	// record is handed back at once instead of holding up the release.
	private void park(Assignment assignment, Entry<Work<K, V>> entry, long delayMillis, Runnable then) {
		assignment.parked.add(entry);
		this.timer.schedule(() -> {
			if (assignment.parked.remove(entry)) {
				then.run();
			}
		}, delayMillis, TimeUnit.MILLISECONDS);
		if (assignment.handBack.hasFired() && assignment.parked.remove(entry)) {
			assignment.queues.handBack(entry);
		}
	}

	private void unreadable(RecordDeserializationException failure) {
		TopicPartition partition = failure.topicPartition();
		Verdict verdict = this.failures.policy().classify(failure);
		if (verdict.waits()) {
			Hold hold = this.held.get(partition);
			if (hold == null || hold.offset != failure.offset()) {
				hold = new Hold(failure.offset(), this.failures.policy().backOff(failure).start());
				this.held.put(partition, hold);
			}
			long wait = hold.backOff.nextBackOff();
			hold.resumeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(wait, 0));
			hold.resumed = false;
			this.failures.metrics().retried(partition.topic(), verdict);
			if (verdict == Verdict.CONFIGURATION) {
				this.failures.readiness().failing(this.settings.name(), failure);
			}
			logger.warn("Cannot read {}@{} yet ({}); holding the partition for {} ms: {}", partition, failure.offset(),
					verdict, wait, failure.getMessage());
			this.consumer.seek(partition, failure.offset());
			this.consumer.pause(List.of(partition));
			return;
		}
		logger.error("Dead-lettering {}@{}: it can never be read: {}", partition, failure.offset(),
				failure.getMessage());
		this.failures.deadLetters()
			.accept(new ConsumerRecord<>(partition.topic(), partition.partition(), failure.offset(), null, null),
					this.consumer, failure);
		this.failures.metrics().deadLettered(partition.topic(), Verdict.POISON);
		this.held.remove(partition);
		Assignment assignment = this.assignments.get(partition);
		if (assignment != null && !assignment.queues.isClosed()) {
			assignment.queues.addFinished(failure.offset());
		}
		this.consumer.seek(partition, failure.offset() + 1);
	}

	private void resumeHeldPartitions() {
		long now = System.nanoTime();
		List<TopicPartition> due = new ArrayList<>();
		for (Map.Entry<TopicPartition, Hold> entry : this.held.entrySet()) {
			if (!entry.getValue().resumed && now - entry.getValue().resumeAtNanos >= 0) {
				entry.getValue().resumed = true;
				due.add(entry.getKey());
			}
		}
		if (!due.isEmpty() && !this.pausedForLoad) {
			this.consumer.resume(due);
		}
	}

	private void applyBackPressure() {
		int unfinished = unfinished();
		if (!this.pausedForLoad && unfinished >= this.settings.maxUnfinished()) {
			this.pausedForLoad = true;
			this.consumer.pause(this.consumer.assignment());
			logger.debug("Paused {}: {} records unfinished", this.settings.name(), unfinished);
		}
		else if (this.pausedForLoad && unfinished <= this.settings.maxUnfinished() / 2) {
			this.pausedForLoad = false;
			Set<TopicPartition> resumable = new HashSet<>(this.consumer.assignment());
			this.held.forEach((partition, hold) -> {
				if (!hold.resumed) {
					resumable.remove(partition);
				}
			});
			this.consumer.resume(resumable);
			logger.debug("Resumed {}: {} records unfinished", this.settings.name(), unfinished);
		}
	}

	private void commitIfDue() {
		long now = System.nanoTime();
		if (now - this.lastCommitNanos < this.settings.commitInterval().toNanos()) {
			return;
		}
		this.lastCommitNanos = now;
		Map<Assignment, Commit> commits = committable(this.assignments.keySet());
		if (commits.isEmpty()) {
			return;
		}
		this.consumer.commitAsync(offsetsOf(commits), (committed, failure) -> {
			if (failure != null) {
				logger.warn("Committing offsets of {} failed; the next commit covers them: {}", this.settings.name(),
						failure.toString());
				return;
			}
			commits.forEach((assignment, commit) -> assignment.lastCommit = commit);
		});
	}

	// What changed since the last commit of each partition.
	private Map<Assignment, Commit> committable(Collection<TopicPartition> partitions) {
		Map<Assignment, Commit> commits = new HashMap<>();
		for (TopicPartition partition : partitions) {
			Assignment assignment = this.assignments.get(partition);
			if (assignment != null) {
				assignment.queues.committable()
					.filter((commit) -> !commit.equals(assignment.lastCommit))
					.ifPresent((commit) -> commits.put(assignment, commit));
			}
		}
		return commits;
	}

	private Map<TopicPartition, OffsetAndMetadata> offsetsOf(Map<Assignment, Commit> commits) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		commits.forEach((assignment, commit) -> offsets.put(assignment.partition, new OffsetAndMetadata(commit.offset(),
				CompletedOffsets.encode(commit.offset(), commit.finishedAbove()))));
		return offsets;
	}

	private void runPollThreadTasks() {
		for (Runnable task = this.pollThreadTasks.poll(); task != null; task = this.pollThreadTasks.poll()) {
			task.run();
		}
	}

	// Gives partitions up: stops handing out their records, lets waiting ones give
	// themselves back, gives running ones the drain timeout, and (unless they were lost)
	// commits what finished.
	private void release(Collection<TopicPartition> partitions, boolean commit) {
		List<Assignment> released = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			Assignment assignment = this.assignments.get(partition);
			if (assignment != null) {
				released.add(assignment);
				int forgotten = assignment.queues.close();
				assignment.handBack.fire();
				assignment.parked.forEach((entry) -> {
					if (assignment.parked.remove(entry)) {
						assignment.queues.handBack(entry);
					}
				});
				if (forgotten > 0) {
					logger.info("Released {} of {}: {} records not started are left for its next owner", partition,
							this.settings.name(), forgotten);
				}
			}
		}
		if (released.isEmpty()) {
			return;
		}
		if (commit) {
			awaitRunning(released);
			Map<Assignment, Commit> commits = committable(partitions);
			if (!commits.isEmpty()) {
				try {
					this.consumer.commitSync(offsetsOf(commits), this.settings.drainTimeout());
				}
				catch (RuntimeException ex) {
					logger.warn("Committing the released partitions' offsets failed; their next owner handles the "
							+ "uncommitted records again: {}", ex.toString());
				}
			}
		}
		partitions.forEach((partition) -> {
			this.assignments.remove(partition);
			this.held.remove(partition);
		});
		this.handler.partitionsReleased(partitions);
	}

	private void awaitRunning(List<Assignment> released) {
		long deadline = System.nanoTime() + this.settings.drainTimeout().toNanos();
		try {
			for (Assignment assignment : released) {
				if (!assignment.queues.awaitIdle(Math.max(0, deadline - System.nanoTime()))) {
					logger.warn("{} records of {} still run after the drain timeout; their next owner handles them "
							+ "again", assignment.queues.running(), assignment.partition);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static Exception asException(Throwable cause) {
		return (cause instanceof Exception exception) ? exception : new IllegalStateException(cause);
	}

	/**
	 * One assigned partition.
	 */
	private final class Assignment {

		private final TopicPartition partition;

		private final PartitionQueues<Work<K, V>> queues = new PartitionQueues<>();

		private final HandBack handBack = new HandBack();

		/** Records above the committed offset that the previous owner finished. */
		private final Set<Long> finishedBefore = ConcurrentHashMap.newKeySet();

		/** The last commit made; only the poll thread reads or writes it. */
		private Commit lastCommit;

		/**
		 * Started records waiting for a retry or a dead letter: whoever removes one (its
		 * timer, or the release) goes on with it.
		 */
		private final Set<Entry<Work<K, V>>> parked = ConcurrentHashMap.newKeySet();

		private Assignment(TopicPartition partition) {
			this.partition = partition;
		}

	}

	/**
	 * A record and its retry state.
	 */
	private static final class Work<K, V> {

		private final ConsumerRecord<K, V> record;

		private BackOffExecution backOff;

		private Verdict verdict;

		private Work(ConsumerRecord<K, V> record) {
			this.record = record;
		}

	}

	/**
	 * A partition paused on a record that cannot be read yet.
	 */
	private static final class Hold {

		private final long offset;

		private final BackOffExecution backOff;

		private long resumeAtNanos;

		private boolean resumed;

		private Hold(long offset, BackOffExecution backOff) {
			this.offset = offset;
			this.backOff = backOff;
		}

	}

	/**
	 * Keeps the assignments in step with the group's.
	 */
	private final class Rebalance implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(partitions);
			for (TopicPartition partition : partitions) {
				Assignment assignment = new Assignment(partition);
				OffsetAndMetadata offset = committed.get(partition);
				if (offset != null) {
					assignment.finishedBefore.addAll(CompletedOffsets.decode(offset.offset(), offset.metadata()));
				}
				KeyOrderedConsumer.this.assignments.put(partition, assignment);
			}
			if (KeyOrderedConsumer.this.pausedForLoad && !partitions.isEmpty()) {
				KeyOrderedConsumer.this.consumer.pause(partitions);
			}
			logger.info("{} assigned {}", KeyOrderedConsumer.this.settings.name(), partitions);
		}

		private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Collection<TopicPartition> partitions) {
			if (partitions.isEmpty()) {
				return Map.of();
			}
			try {
				Map<TopicPartition, OffsetAndMetadata> committed = KeyOrderedConsumer.this.consumer
					.committed(new HashSet<>(partitions), KeyOrderedConsumer.this.settings.drainTimeout());
				return (committed != null) ? committed : Map.of();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not read what the previous owner of {} finished; such records are handled again: {}",
						partitions, ex.toString());
				return Map.of();
			}
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			logger.info("{} releasing {}", KeyOrderedConsumer.this.settings.name(), partitions);
			release(partitions, true);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			logger.warn("{} lost {}; their uncommitted records go to their next owner",
					KeyOrderedConsumer.this.settings.name(), partitions);
			release(partitions, false);
		}

	}

}
