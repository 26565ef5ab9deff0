package com.example.payments.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where registry changes are kept between restarts. The real registry keeps them in a
 * compacted Kafka topic; a development registry only needs an append-only file, so the
 * local stack keeps its schema ids across restarts without depending on a broker.
 */
sealed interface SchemaJournal {

	/**
	 * The entries written so far, oldest first.
	 * @return the entries
	 */
	List<JournalEntry> replay();

	/**
	 * Persist an entry before it takes effect.
	 * @param entry the entry
	 * @throws UncheckedIOException if it cannot be written
	 */
	void append(JournalEntry entry);

	/**
	 * A human-readable description for the startup log.
	 * @return the description
	 */
	String describe();

	static SchemaJournal inMemory() {
		return new InMemory();
	}

	static SchemaJournal file(Path directory) {
		return new JsonLinesFile(directory.resolve("schemas.journal"));
	}

	/**
	 * Keeps nothing: state lives and dies with the process.
	 */
	final class InMemory implements SchemaJournal {

		@Override
		public List<JournalEntry> replay() {
			return List.of();
		}

		@Override
		public void append(JournalEntry entry) {
		}

		@Override
		public String describe() {
			return "in-memory";
		}

	}

	/**
	 * One JSON object per line. The durability promise: {@link #append} returns only once
	 * the entry's bytes are on disk ({@code O_DSYNC}; the directory too when the file is
	 * created), so an id the registry has answered survives a crash. On open the file is
	 * cut back to its last complete entry, so a torn line left by a crash mid-append is
	 * removed rather than having the next entry appended onto it; every append first cuts
	 * off anything past the last entry it knows was written whole, so a failed write
	 * cannot corrupt the next one either.
	 */
	final class JsonLinesFile implements SchemaJournal {

		private static final Logger logger = LoggerFactory.getLogger(JsonLinesFile.class);

		private final ObjectMapper json = new ObjectMapper();

		private final Path file;

		/** Bytes of the file that hold complete entries; everything after is not ours. */
		private long committedLength;

		/**
		 * Whether {@link #replay()} has measured the file, so appends know where to go.
		 */
		private boolean opened;

		JsonLinesFile(Path file) {
			this.file = file;
		}

		@Override
		public List<JournalEntry> replay() {
			this.opened = true;
			this.committedLength = 0;
			if (!Files.exists(this.file)) {
				return List.of();
			}
			byte[] bytes;
			try {
				bytes = Files.readAllBytes(this.file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read journal " + this.file, ex);
			}
			List<JournalEntry> entries = new ArrayList<>();
			int lineStart = 0;
			int lineNumber = 0;
			while (lineStart < bytes.length) {
				lineNumber++;
				int newline = indexOf(bytes, (byte) '\n', lineStart);
				int lineEnd = (newline >= 0) ? newline : bytes.length;
				boolean last = newline < 0 || newline == bytes.length - 1;
				String line = new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
				if (!line.isBlank()) {
					try {
						if (newline < 0) {
							throw new IllegalArgumentException("no line end: the append did not finish");
						}
						entries.add(decode(this.json.readTree(line)));
					}
					catch (JsonProcessingException | RuntimeException ex) {
						if (!last) {
							throw new IllegalStateException("Corrupt journal " + this.file + " at line " + lineNumber,
									ex);
						}
						// A crash mid-append leaves a torn last line: cut it off, so the
						// next entry starts on a line of its own instead of being glued
						// onto it.
						logger.warn("Removing torn last line {} of journal {} ({} bytes): {}", lineNumber, this.file,
								bytes.length - lineStart, ex.getMessage());
						truncate(lineStart);
						return entries;
					}
				}
				lineStart = lineEnd + 1;
			}
			this.committedLength = bytes.length;
			return entries;
		}

		@Override
		public void append(JournalEntry entry) {
			if (!this.opened) {
				replay();
			}
			byte[] line;
			try {
				line = (this.json.writeValueAsString(encode(entry)) + "\n").getBytes(StandardCharsets.UTF_8);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("Cannot encode journal entry " + entry, ex);
			}
			try {
				boolean created = !Files.exists(this.file);
				if (created) {
					Files.createDirectories(this.file.getParent());
				}
				try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.CREATE,
						StandardOpenOption.WRITE, StandardOpenOption.DSYNC)) {
					// Bytes past the last whole entry can only be a failed earlier write.
					channel.truncate(this.committedLength);
					ByteBuffer buffer = ByteBuffer.wrap(line);
					long position = this.committedLength;
					while (buffer.hasRemaining()) {
						position += channel.write(buffer, position);
					}
				}
				if (created) {
					syncDirectory();
				}
				this.committedLength += line.length;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot append to journal " + this.file, ex);
			}
		}

		private void truncate(long length) {
			try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.WRITE)) {
				channel.truncate(length);
				channel.force(true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot remove the torn last line of journal " + this.file, ex);
			}
			this.committedLength = length;
		}

		private void syncDirectory() {
			// The new file's directory entry must reach the disk too, or the whole file
			// can vanish in a crash. Not every platform can open a directory; Linux can.
			try (FileChannel directory = FileChannel.open(this.file.getParent(), StandardOpenOption.READ)) {
				directory.force(true);
			}
			catch (IOException ex) {
				logger.debug("Cannot sync directory {}: {}", this.file.getParent(), ex.getMessage());
			}
		}

		private static int indexOf(byte[] bytes, byte value, int from) {
			for (int i = from; i < bytes.length; i++) {
				if (bytes[i] == value) {
					return i;
				}
			}
			return -1;
		}

		@Override
		public String describe() {
			return "journal " + this.file;
		}

		private ObjectNode encode(JournalEntry entry) {
			ObjectNode node = this.json.createObjectNode();
			if (entry instanceof JournalEntry.SchemaRegistered registered) {
				node.put("op", "register")
					.put("subject", registered.subject())
					.put("version", registered.version())
					.put("id", registered.id())
					.put("schema", registered.schema());
			}
			else if (entry instanceof JournalEntry.CompatibilitySet set) {
				node.put("op", "compatibility").put("subject", set.subject()).put("level", set.level().name());
			}
			else if (entry instanceof JournalEntry.CompatibilityCleared cleared) {
				node.put("op", "clearCompatibility").put("subject", cleared.subject());
			}
			else if (entry instanceof JournalEntry.SubjectDeleted deleted) {
				node.put("op", "deleteSubject").put("subject", deleted.subject());
			}
			return node;
		}

		private static JournalEntry decode(JsonNode node) {
			String subject = node.path("subject").isNull() ? null : node.path("subject").asText(null);
			return switch (node.path("op").asText()) {
				case "register" -> new JournalEntry.SchemaRegistered(subject, node.path("version").asInt(),
						node.path("id").asInt(), node.path("schema").asText());
				case "compatibility" ->
					new JournalEntry.CompatibilitySet(subject, CompatibilityLevel.parse(node.path("level").asText()));
				case "clearCompatibility" -> new JournalEntry.CompatibilityCleared(subject);
				case "deleteSubject" -> new JournalEntry.SubjectDeleted(subject);
				default -> throw new IllegalArgumentException("Unknown journal op " + node.path("op"));
			};
		}

	}

}
