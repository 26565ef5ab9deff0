package com.example.payments.command.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of one partition that were handed out and are not finished yet, kept twice:
 * per key in offset order, so that a key's records run strictly one after another, and
 * all together in offset order, so that the offset to commit is the first unfinished
 * record's and never passes one. Records of different keys run at the same time and
 * finish in any order.
 * <p>
 * Thread-safe: the consumer's poll thread adds records and commits, while the threads
 * that finish records ask for the key's next one.
 *
 * @param <T> what the caller keeps per record (e.g. the consumer record)
 */
final class PartitionQueues<T> {

	/** The key of records without one: they share one queue, so they keep their order. */
	private static final Object NO_KEY = new Object();

	private final ArrayDeque<Entry<T>> inOffsetOrder = new ArrayDeque<>();

	private final Map<Object, ArrayDeque<Entry<T>>> byKey = new HashMap<>();

	/** The offset after the last record added, or -1 before the first. */
	private long nextOffset = -1;

	private int unfinished;

	private int running;

	private boolean closed;

	/**
	 * Add the partition's next record.
	 * @param key the record's key ({@code null} keys share one queue)
	 * @param offset its offset, above every offset added before
	 * @param item what the caller keeps for it
	 * @return the record's entry when it may start now (no earlier record of its key is
	 * unfinished), else {@code null}: it starts when {@link #finish} returns it
	 * @throws IllegalArgumentException if the offset is not above the last one added
	 * @throws IllegalStateException after {@link #close()}
	 */
	synchronized Entry<T> add(Object key, long offset, T item) {
		accept(offset);
		Entry<T> entry = new Entry<>((key != null) ? key : NO_KEY, offset, item);
		this.inOffsetOrder.addLast(entry);
		this.unfinished++;
		ArrayDeque<Entry<T>> queue = this.byKey.computeIfAbsent(entry.key, (ignored) -> new ArrayDeque<>());
		queue.addLast(entry);
		if (queue.size() == 1) {
			return start(entry);
		}
		return null;
	}

	/**
	 * Add a record that needs no work (e.g. one of a type this build skips): finished at
	 * once, so the committable offset may pass it.
	 * @param offset its offset, above every offset added before
	 */
	synchronized void addFinished(long offset) {
		accept(offset);
		if (!this.inOffsetOrder.isEmpty()) {
			// Kept until the records before it finish, so the commit can name it done.
			Entry<T> entry = new Entry<>(NO_KEY, offset, null);
			entry.state = State.FINISHED;
			this.inOffsetOrder.addLast(entry);
		}
	}

	/**
	 * Finish a started record.
	 * @param entry the record, as {@link #add} or an earlier {@code finish} returned it
	 * @return the next record of the same key, now started, or {@code null} when there is
	 * none or the queues are closed
	 */
	synchronized Entry<T> finish(Entry<T> entry) {
		if (entry.state != State.STARTED) {
			throw new IllegalStateException(
					"record at offset " + entry.offset + " is " + entry.state + ", not started");
		}
		entry.state = State.FINISHED;
		this.unfinished--;
		this.running--;
		ArrayDeque<Entry<T>> queue = this.byKey.get(entry.key);
		queue.removeFirst();
		dropFinishedHead();
		notifyAll();
		if (queue.isEmpty()) {
			this.byKey.remove(entry.key);
			return null;
		}
		return this.closed ? null : start(queue.getFirst());
	}

	/**
	 * Give a started record back unfinished: it stays uncommitted, so whoever owns the
	 * partition next handles it again. Only after {@link #close()}.
	 * @param entry the started record
	 */
	synchronized void handBack(Entry<T> entry) {
		if (!this.closed || entry.state != State.STARTED) {
			throw new IllegalStateException("only a started record of closed queues can be handed back");
		}
		entry.state = State.HANDED_BACK;
		this.running--;
		this.unfinished--;
		notifyAll();
	}

	/**
	 * What to commit now: the first unfinished record's offset (or the one after the last
	 * record added when all are finished), and the records finished above it.
	 * @return the commit, or empty before the first record
	 */
	synchronized Optional<Commit> committable() {
		if (this.nextOffset < 0) {
			return Optional.empty();
		}
		if (this.inOffsetOrder.isEmpty()) {
			return Optional.of(new Commit(this.nextOffset, List.of()));
		}
		List<Long> done = new ArrayList<>();
		for (Entry<T> entry : this.inOffsetOrder) {
			if (entry.state == State.FINISHED) {
				done.add(entry.offset);
			}
		}
		return Optional.of(new Commit(this.inOffsetOrder.getFirst().offset, done));
	}

	/**
	 * Stop handing out records: the ones not started are forgotten (never finished, so
	 * never committed); started ones may still finish or be handed back.
	 * @return how many records were forgotten
	 */
	synchronized int close() {
		if (this.closed) {
			return 0;
		}
		this.closed = true;
		int forgotten = 0;
		for (ArrayDeque<Entry<T>> queue : this.byKey.values()) {
			for (Entry<T> entry : queue) {
				if (entry.state == State.QUEUED) {
					entry.state = State.FORGOTTEN;
					forgotten++;
				}
			}
		}
		this.unfinished -= forgotten;
		return forgotten;
	}

	/**
	 * Wait until no started record is running any more.
	 * @param timeoutNanos the longest wait
	 * @return {@code true} when none runs, {@code false} when the time ran out
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized boolean awaitIdle(long timeoutNanos) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutNanos;
		while (this.running > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

	/**
	 * Records that still take a place: running, or waiting behind their key.
	 * @return the count
	 */
	synchronized int unfinished() {
		return this.unfinished;
	}

	/**
	 * Records started and neither finished nor handed back.
	 * @return the count
	 */
	synchronized int running() {
		return this.running;
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	synchronized boolean isClosed() {
		return this.closed;
	}

	private void accept(long offset) {
		if (this.closed) {
			throw new IllegalStateException("the partition's queues are closed");
		}
		if (offset < this.nextOffset) {
			throw new IllegalArgumentException(
					"offset " + offset + " is below the next expected offset " + this.nextOffset);
		}
		this.nextOffset = offset + 1;
	}

	private Entry<T> start(Entry<T> entry) {
		entry.state = State.STARTED;
		this.running++;
		return entry;
	}

	private void dropFinishedHead() {
		while (!this.inOffsetOrder.isEmpty() && this.inOffsetOrder.getFirst().state == State.FINISHED) {
			this.inOffsetOrder.removeFirst();
		}
	}

	/**
	 * What a commit says about the partition.
	 *
	 * @param offset every record below it is finished; the record at it is not
	 * @param finishedAbove records above it that are finished too, in offset order
	 */
	record Commit(long offset, List<Long> finishedAbove) {

		Commit {
			finishedAbove = List.copyOf(finishedAbove);
		}

	}

	/**
	 * Where a record is.
	 */
	enum State {

		/** Waiting behind an earlier record of its key. */
		QUEUED,

		/** Handed to the handler. */
		STARTED,

		/** Done: the committable offset may pass it. */
		FINISHED,

		/** Given back unfinished when the queues closed. */
		HANDED_BACK,

		/** Never started; dropped when the queues closed. */
		FORGOTTEN

	}

	/**
	 * One record in the queues.
	 *
	 * @param <T> what the caller keeps per record
	 */
	static final class Entry<T> {

		private final Object key;

		private final long offset;

		private final T item;

		private State state = State.QUEUED;

		private Entry(Object key, long offset, T item) {
			this.key = key;
			this.offset = offset;
			this.item = item;
		}

		long offset() {
			return this.offset;
		}

		T item() {
			return this.item;
		}

	}

}
