package com.example.payments.command.consumer;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The records finished above a committed offset, written into the commit's metadata. A
 * committed offset can only say "everything below me is done"; records of other keys
 * finish beyond it while one waits, and without this their next owner (after a rebalance,
 * a stop or a restart) would handle them again. With it, the next owner skips them. The
 * format is {@code "done1:"} and the unpadded base64url of a bit set whose bit {@code i}
 * stands for offset {@code committed + 1 + i} (the committed offset itself is the first
 * unfinished record, never done). Metadata that is missing, from elsewhere, or unreadable
 * means "nothing known": the records are handled again, which is what at-least-once
 * allows.
 */
final class CompletedOffsets {

	/** Kafka's default {@code offset.metadata.max.bytes} is 4096; stay well below it. */
	static final int MAX_METADATA_LENGTH = 3000;

	private static final String PREFIX = "done1:";

	private CompletedOffsets() {
	}

	/**
	 * Encode the finished offsets above a committed offset.
	 * @param committed the committed offset (the first unfinished record)
	 * @param done offsets finished above it
	 * @return the metadata, {@code ""} when there are none or they do not fit (then they
	 * are handled again)
	 */
	static String encode(long committed, Collection<Long> done) {
		if (done.isEmpty()) {
			return "";
		}
		BitSet bits = new BitSet();
		for (long offset : done) {
			long index = offset - committed - 1;
			if (index < 0 || index >= MAX_METADATA_LENGTH * 6L) {
				return "";
			}
			bits.set((int) index);
		}
		String metadata = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
		return (metadata.length() <= MAX_METADATA_LENGTH) ? metadata : "";
	}

	/**
	 * Decode what {@link #encode} wrote.
	 * @param committed the committed offset the metadata belongs to
	 * @param metadata the commit's metadata, may be {@code null}
	 * @return the finished offsets above the committed one, empty when unknown
	 */
	static Set<Long> decode(long committed, String metadata) {
		Set<Long> done = new TreeSet<>();
		if (metadata == null || !metadata.startsWith(PREFIX)) {
			return done;
		}
		try {
			BitSet bits = BitSet.valueOf(Base64.getUrlDecoder().decode(metadata.substring(PREFIX.length())));
			for (int index = bits.nextSetBit(0); index >= 0; index = bits.nextSetBit(index + 1)) {
				done.add(committed + 1 + index);
			}
			return done;
		}
		catch (IllegalArgumentException ex) {
			return new TreeSet<>();
		}
	}

}
