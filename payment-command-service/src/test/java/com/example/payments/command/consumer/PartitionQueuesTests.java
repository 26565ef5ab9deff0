package com.example.payments.command.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.example.payments.command.consumer.PartitionQueues.Commit;
import com.example.payments.command.consumer.PartitionQueues.Entry;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PartitionQueues}: property-style runs with random keys, random offset
 * gaps, records arriving in batches between completions, and completions in random order,
 * each checking after every step that the committable offset never passes an unfinished
 * record and that one key never has two records running, and at the end that each key's
 * records ran in offset order and everything was committed.
 */
class PartitionQueuesTests {

	@RepeatedTest(200)
	void neverCommitsPastAnUnfinishedRecordAndKeepsEachKeysOrder(RepetitionInfo repetition) {
		Random random = new Random(repetition.getCurrentRepetition());
		PartitionQueues<String> queues = new PartitionQueues<>();
		int keys = 1 + random.nextInt(12);
		int records = 50 + random.nextInt(300);
		Map<String, List<Long>> addedPerKey = new HashMap<>();
		Map<String, List<Long>> startedPerKey = new HashMap<>();
		Map<Long, Entry<String>> running = new HashMap<>();
		TreeSet<Long> unfinished = new TreeSet<>();
		Set<String> keysRunning = new HashSet<>();
		long offset = random.nextInt(1000);
		long lastAdded = -1;
		TreeSet<Long> addedOffsets = new TreeSet<>();
		int added = 0;
		while (added < records || !running.isEmpty()) {
			if (added < records && (running.isEmpty() || random.nextInt(3) == 0)) {
				// a poll: a batch of records, offsets with gaps (compaction, markers)
				for (int batch = 1 + random.nextInt(10); batch > 0 && added < records; batch--) {
					offset += 1 + ((random.nextInt(5) == 0) ? random.nextInt(3) : 0);
					String key = "key-" + random.nextInt(keys);
					addedPerKey.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add(offset);
					unfinished.add(offset);
					addedOffsets.add(offset);
					lastAdded = offset;
					added++;
					Entry<String> started = queues.add(key, offset, key);
					if (started != null) {
						start(started, running, startedPerKey, keysRunning);
					}
				}
			}
			else {
				// a record finishes: any of the running ones
				List<Long> candidates = new ArrayList<>(running.keySet());
				Entry<String> done = running.remove(candidates.get(random.nextInt(candidates.size())));
				keysRunning.remove(done.item());
				unfinished.remove(done.offset());
				Entry<String> next = queues.finish(done);
				if (next != null) {
					assertThat(next.item()).isEqualTo(done.item());
					start(next, running, startedPerKey, keysRunning);
				}
			}
			Commit commit = queues.committable().orElseThrow();
			long expected = unfinished.isEmpty() ? lastAdded + 1 : unfinished.first();
			assertThat(commit.offset()).isEqualTo(expected);
			// Every record above the committed offset is named finished exactly when it
			// is.
			long offsetNow = commit.offset();
			assertThat(commit.finishedAbove()).allSatisfy((done) -> assertThat(done).isGreaterThan(offsetNow)
				.matches((offsetDone) -> !unfinished.contains(offsetDone)));
			assertThat(unfinished.stream().filter((open) -> open > offsetNow))
				.noneMatch(commit.finishedAbove()::contains);
			assertThat(commit.finishedAbove()).containsAll(addedOffsets.tailSet(offsetNow, false)
				.stream()
				.filter((offsetAdded) -> !unfinished.contains(offsetAdded))
				.toList());
			assertThat(queues.running()).isEqualTo(running.size());
			assertThat(queues.unfinished()).isEqualTo(unfinished.size());
		}
		assertThat(startedPerKey).isEqualTo(addedPerKey);
		assertThat(queues.committable()).contains(new Commit(lastAdded + 1, List.of()));
	}

	@RepeatedTest(50)
	void revocationForgetsWaitingRecordsAndNeverCommitsPastWhatWasHandedBack(RepetitionInfo repetition) {
		Random random = new Random(1000L + repetition.getCurrentRepetition());
		PartitionQueues<String> queues = new PartitionQueues<>();
		List<Entry<String>> running = new ArrayList<>();
		TreeSet<Long> unfinished = new TreeSet<>();
		for (long offset = 0; offset < 100; offset++) {
			unfinished.add(offset);
			Entry<String> started = queues.add("key-" + random.nextInt(8), offset, "r" + offset);
			if (started != null) {
				running.add(started);
			}
		}
		// some finish before the revocation
		for (int i = 0; i < 3 && !running.isEmpty(); i++) {
			Entry<String> done = running.remove(random.nextInt(running.size()));
			unfinished.remove(done.offset());
			Entry<String> next = queues.finish(done);
			if (next != null) {
				running.add(next);
			}
		}
		int forgotten = queues.close();
		assertThat(forgotten + running.size()).isEqualTo(unfinished.size());
		// the rest finish or are handed back; nothing new starts
		for (Entry<String> entry : running) {
			if (random.nextBoolean()) {
				unfinished.remove(entry.offset());
				assertThat(queues.finish(entry)).isNull();
			}
			else {
				queues.handBack(entry);
			}
		}
		assertThat(queues.running()).isZero();
		assertThat(queues.committable().orElseThrow().offset())
			.isEqualTo(unfinished.isEmpty() ? 100 : unfinished.first());
	}

	@Test
	void commitsPastSkippedRecordsAndNamesThoseFinishedAboveTheFirstUnfinished() {
		PartitionQueues<String> queues = new PartitionQueues<>();
		assertThat(queues.committable()).isEmpty();
		Entry<String> first = queues.add("a", 10, "first");
		queues.addFinished(11);
		Entry<String> other = queues.add("b", 12, "other");
		queues.finish(other);
		assertThat(queues.committable()).contains(new Commit(10, List.of(11L, 12L)));
		queues.finish(first);
		assertThat(queues.committable()).contains(new Commit(13, List.of()));
		queues.addFinished(14);
		assertThat(queues.committable()).contains(new Commit(15, List.of()));
	}

	@Test
	void keepsRecordsWithoutAKeyInOrderAmongThemselves() {
		PartitionQueues<String> queues = new PartitionQueues<>();
		Entry<String> first = queues.add(null, 0, "first");
		assertThat(queues.add(null, 1, "second")).isNull();
		assertThat(queues.add("a", 2, "other").item()).isEqualTo("other");
		assertThat(queues.finish(first).item()).isEqualTo("second");
	}

	@Test
	void refusesOffsetsGoingBackwardsAndWorkAfterClosing() {
		PartitionQueues<String> queues = new PartitionQueues<>();
		Entry<String> first = queues.add("a", 5, "x");
		assertThatIllegalArgumentException().isThrownBy(() -> queues.add("b", 5, "y"));
		assertThatIllegalStateException().isThrownBy(() -> queues.handBack(first));
		queues.close();
		assertThatIllegalStateException().isThrownBy(() -> queues.add("b", 6, "y"));
		queues.handBack(first);
		assertThatIllegalStateException().isThrownBy(() -> queues.finish(first));
		assertThat(queues.committable().orElseThrow().offset()).isEqualTo(5);
	}

	@Test
	void waitsForRunningRecordsOnlyUntilTheyEnd() throws InterruptedException {
		PartitionQueues<String> queues = new PartitionQueues<>();
		Entry<String> running = queues.add("a", 0, "x");
		assertThat(queues.awaitIdle(1_000_000)).isFalse();
		queues.close();
		queues.finish(running);
		assertThat(queues.awaitIdle(0)).isTrue();
	}

	private static void start(Entry<String> entry, Map<Long, Entry<String>> running,
			Map<String, List<Long>> startedPerKey, Set<String> keysRunning) {
		assertThat(keysRunning.add(entry.item())).as("only one record of %s runs", entry.item()).isTrue();
		running.put(entry.offset(), entry);
		startedPerKey.computeIfAbsent(entry.item(), (ignored) -> new ArrayList<>()).add(entry.offset());
	}

}
