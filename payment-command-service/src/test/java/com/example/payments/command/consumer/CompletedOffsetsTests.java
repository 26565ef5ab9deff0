package com.example.payments.command.consumer;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompletedOffsets}.
 */
class CompletedOffsetsTests {

	@Test
	void readsBackTheFinishedOffsetsAboveTheCommittedOne() {
		String metadata = CompletedOffsets.encode(1_000, List.of(1_001L, 1_005L, 1_900L));
		assertThat(metadata).startsWith("done1:");
		assertThat(CompletedOffsets.decode(1_000, metadata)).containsExactly(1_001L, 1_005L, 1_900L);
	}

	@Test
	void writesNothingWhenNothingIsFinishedAboveOrItWouldNotFit() {
		assertThat(CompletedOffsets.encode(10, List.of())).isEmpty();
		assertThat(CompletedOffsets.encode(0, List.of(20_000L))).isEmpty();
		assertThat(CompletedOffsets.encode(10, List.of(10L))).isEmpty();
		// A few thousand records fit: 2000 finished records take about 340 characters.
		String many = CompletedOffsets.encode(0, LongStream.rangeClosed(1, 2_000).boxed().toList());
		assertThat(many.length()).isLessThan(CompletedOffsets.MAX_METADATA_LENGTH);
		assertThat(CompletedOffsets.decode(0, many)).hasSize(2_000);
	}

	@Test
	void readsMissingForeignOrBrokenMetadataAsNothingKnown() {
		assertThat(CompletedOffsets.decode(5, null)).isEmpty();
		assertThat(CompletedOffsets.decode(5, "")).isEmpty();
		assertThat(CompletedOffsets.decode(5, "written by someone else")).isEmpty();
		assertThat(CompletedOffsets.decode(5, "done1:***")).isEqualTo(Set.of());
	}

}
