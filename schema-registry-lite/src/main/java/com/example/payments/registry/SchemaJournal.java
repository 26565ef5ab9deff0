package com.example.payments.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
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
	 * One JSON object per line, appended and flushed per change.
	 */
	final class JsonLinesFile implements SchemaJournal {

		private static final Logger logger = LoggerFactory.getLogger(JsonLinesFile.class);

		private final ObjectMapper json = new ObjectMapper();

		private final Path file;

		JsonLinesFile(Path file) {
			this.file = file;
		}

		@Override
		public List<JournalEntry> replay() {
			if (!Files.exists(this.file)) {
				return List.of();
			}
			List<String> lines;
			try {
				lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read journal " + this.file, ex);
			}
			List<JournalEntry> entries = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.isBlank()) {
					continue;
				}
				try {
					entries.add(decode(this.json.readTree(line)));
				}
				catch (JsonProcessingException | RuntimeException ex) {
					// A crash mid-append leaves a torn last line; anything earlier is
					// real damage.
					if (i == lines.size() - 1) {
						logger.warn("Ignoring torn last line {} of journal {}", i + 1, this.file);
						continue;
					}
					throw new IllegalStateException("Corrupt journal " + this.file + " at line " + (i + 1), ex);
				}
			}
			return entries;
		}

		@Override
		public void append(JournalEntry entry) {
			try {
				Files.createDirectories(this.file.getParent());
				Files.writeString(this.file, this.json.writeValueAsString(encode(entry)) + "\n", StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
						StandardOpenOption.DSYNC);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot append to journal " + this.file, ex);
			}
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
