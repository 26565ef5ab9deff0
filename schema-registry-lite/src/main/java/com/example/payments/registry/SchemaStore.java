package com.example.payments.registry;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * The registry's state and rules, free of HTTP: subjects with numbered versions, global
 * schema ids, compatibility levels. One lock guards everything, which is plenty for a
 * development registry and makes every operation trivially atomic.
 *
 * <p>
 * Two texts are the same schema when their parsed forms print the same
 * ({@link Schema#toString()}), which ignores whitespace and key order but, unlike Avro's
 * parsing canonical form, keeps defaults and docs, since a changed default changes
 * compatibility. The same schema gets the same id in every subject.
 */
public final class SchemaStore {

	private final SchemaJournal journal;

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, Integer> idsByCanonical = new HashMap<>();

	private final TreeMap<String, TreeMap<Integer, Integer>> subjects = new TreeMap<>();

	private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();

	private CompatibilityLevel globalLevel;

	private int nextId = 1;

	/**
	 * Create an in-memory store.
	 * @param defaultLevel the global compatibility level until someone sets another
	 */
	public SchemaStore(CompatibilityLevel defaultLevel) {
		this(defaultLevel, SchemaJournal.inMemory());
	}

	SchemaStore(CompatibilityLevel defaultLevel, SchemaJournal journal) {
		this.globalLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
		this.journal = journal;
		journal.replay().forEach(this::apply);
	}

	/**
	 * Register a schema under a subject, or find it if it is already there.
	 * @param subject the subject
	 * @param schemaText the Avro schema JSON
	 * @return the (new or existing) version
	 * @throws RegistryException 42201 invalid schema, 409 incompatible, 50001 store error
	 */
	public synchronized RegisteredSchema register(String subject, String schemaText) {
		Schema schema = parse(schemaText);
		String canonical = schema.toString();
		Optional<RegisteredSchema> existing = findUnder(subject, canonical);
		if (existing.isPresent()) {
			return existing.get();
		}
		List<String> problems = effectiveLevel(subject).incompatibilities(schema, versionsOf(subject));
		if (!problems.isEmpty()) {
			throw RegistryException.incompatible(subject, problems);
		}
		int id = this.idsByCanonical.getOrDefault(canonical, this.nextId);
		TreeMap<Integer, Integer> versions = this.subjects.get(subject);
		int version = (versions == null || versions.isEmpty()) ? 1 : versions.lastKey() + 1;
		JournalEntry.SchemaRegistered entry = new JournalEntry.SchemaRegistered(subject, version, id, canonical);
		record(entry);
		return new RegisteredSchema(subject, version, id, canonical);
	}

	/**
	 * Find the version of a subject that holds a schema.
	 * @param subject the subject
	 * @param schemaText the Avro schema JSON
	 * @return the version
	 * @throws RegistryException 40401 no such subject, 40403 schema not under it
	 */
	public synchronized RegisteredSchema lookup(String subject, String schemaText) {
		Schema schema = parse(schemaText);
		requireSubject(subject);
		return findUnder(subject, schema.toString()).orElseThrow(() -> RegistryException.schemaNotFoundUnder(subject));
	}

	/**
	 * The schema with a global id.
	 * @param id the id
	 * @return the canonical schema text
	 * @throws RegistryException 40403 if unknown
	 */
	public synchronized String schemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw RegistryException.schemaNotFound(id);
		}
		return schema.toString();
	}

	/**
	 * The subjects that have a version with this id.
	 * @param id the id
	 * @return the subjects, sorted
	 * @throws RegistryException 40403 if unknown
	 */
	public synchronized List<String> subjectsOf(int id) {
		if (!this.schemasById.containsKey(id)) {
			throw RegistryException.schemaNotFound(id);
		}
		List<String> result = new ArrayList<>();
		this.subjects.forEach((subject, versions) -> {
			if (versions.containsValue(id)) {
				result.add(subject);
			}
		});
		return result;
	}

	/**
	 * Every subject version that holds the schema with this id, as Confluent's {@code GET
	 * /schemas/ids/{id}/versions} lists them.
	 * @param id the id
	 * @return the versions, by subject then version
	 * @throws RegistryException 40403 if unknown
	 */
	public synchronized List<RegisteredSchema> versionsOf(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw RegistryException.schemaNotFound(id);
		}
		List<RegisteredSchema> result = new ArrayList<>();
		this.subjects.forEach((subject, versions) -> versions.forEach((version, versionId) -> {
			if (versionId == id) {
				result.add(new RegisteredSchema(subject, version, id, schema.toString()));
			}
		}));
		return result;
	}

	public synchronized List<String> subjects() {
		return new ArrayList<>(this.subjects.keySet());
	}

	/**
	 * The version numbers of a subject.
	 * @param subject the subject
	 * @return the versions, ascending
	 * @throws RegistryException 40401 if unknown
	 */
	public synchronized List<Integer> versions(String subject) {
		return new ArrayList<>(requireSubject(subject).keySet());
	}

	/**
	 * One version of a subject.
	 * @param subject the subject
	 * @param version the version, or {@code null} for the latest
	 * @return the version
	 * @throws RegistryException 40401 no such subject, 40402 no such version
	 */
	public synchronized RegisteredSchema version(String subject, Integer version) {
		TreeMap<Integer, Integer> versions = requireSubject(subject);
		int number = (version != null) ? version : versions.lastKey();
		Integer id = versions.get(number);
		if (id == null) {
			throw RegistryException.versionNotFound(subject, number);
		}
		return new RegisteredSchema(subject, number, id, this.schemasById.get(id).toString());
	}

	/**
	 * Test a schema against a subject without registering it. Against the latest version
	 * ({@code version == null}) the subject's level decides which versions count, exactly
	 * as registration would; against a given version only that one.
	 * @param subject the subject
	 * @param version a version, or {@code null} for "latest"
	 * @param schemaText the Avro schema JSON
	 * @return the incompatibilities, empty when compatible
	 */
	public synchronized List<String> incompatibilities(String subject, Integer version, String schemaText) {
		Schema schema = parse(schemaText);
		CompatibilityLevel level = effectiveLevel(subject);
		if (version == null) {
			// As in Confluent: nothing registered yet means anything is compatible.
			return this.subjects.containsKey(subject) ? level.incompatibilities(schema, versionsOf(subject))
					: List.of();
		}
		RegisteredSchema against = version(subject, version);
		return level.incompatibilities(schema,
				List.of(new CompatibilityLevel.SchemaVersion(against.version(), this.schemasById.get(against.id()))));
	}

	/**
	 * Delete a subject, its versions and its own compatibility level. Their ids stay
	 * resolvable, so records already written can still be read; registering again starts
	 * at version 1 under the global level.
	 * @param subject the subject
	 * @return the deleted versions
	 * @throws RegistryException 40401 if unknown
	 */
	public synchronized List<Integer> deleteSubject(String subject) {
		List<Integer> versions = versions(subject);
		record(new JournalEntry.SubjectDeleted(subject));
		return versions;
	}

	public synchronized CompatibilityLevel globalLevel() {
		return this.globalLevel;
	}

	public synchronized void setGlobalLevel(CompatibilityLevel level) {
		record(new JournalEntry.CompatibilitySet(null, level));
	}

	public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
		return Optional.ofNullable(this.subjectLevels.get(subject));
	}

	public synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
		record(new JournalEntry.CompatibilitySet(subject, level));
	}

	/**
	 * Remove a subject's own level so it follows the global one again.
	 * @param subject the subject
	 * @return the level it had
	 * @throws RegistryException 40408 if it had none
	 */
	public synchronized CompatibilityLevel clearSubjectLevel(String subject) {
		CompatibilityLevel previous = this.subjectLevels.get(subject);
		if (previous == null) {
			throw RegistryException.subjectLevelConfigNotFound(subject);
		}
		record(new JournalEntry.CompatibilityCleared(subject));
		return previous;
	}

	private CompatibilityLevel effectiveLevel(String subject) {
		return this.subjectLevels.getOrDefault(subject, this.globalLevel);
	}

	private Optional<RegisteredSchema> findUnder(String subject, String canonical) {
		Integer id = this.idsByCanonical.get(canonical);
		TreeMap<Integer, Integer> versions = this.subjects.get(subject);
		if (id == null || versions == null) {
			return Optional.empty();
		}
		return versions.entrySet()
			.stream()
			.filter((version) -> version.getValue().equals(id))
			.findFirst()
			.map((version) -> new RegisteredSchema(subject, version.getKey(), id, canonical));
	}

	private List<CompatibilityLevel.SchemaVersion> versionsOf(String subject) {
		List<CompatibilityLevel.SchemaVersion> result = new ArrayList<>();
		this.subjects.getOrDefault(subject, new TreeMap<>())
			.forEach((version, id) -> result
				.add(new CompatibilityLevel.SchemaVersion(version, this.schemasById.get(id))));
		return result;
	}

	private TreeMap<Integer, Integer> requireSubject(String subject) {
		TreeMap<Integer, Integer> versions = this.subjects.get(subject);
		if (versions == null || versions.isEmpty()) {
			throw RegistryException.subjectNotFound(subject);
		}
		return versions;
	}

	private void record(JournalEntry entry) {
		try {
			this.journal.append(entry);
		}
		catch (UncheckedIOException ex) {
			throw RegistryException.storeError(ex.getMessage(), ex);
		}
		apply(entry);
	}

	private void apply(JournalEntry entry) {
		if (entry instanceof JournalEntry.SchemaRegistered registered) {
			Schema schema = parse(registered.schema());
			this.schemasById.putIfAbsent(registered.id(), schema);
			this.idsByCanonical.putIfAbsent(schema.toString(), registered.id());
			this.subjects.computeIfAbsent(registered.subject(), (subject) -> new TreeMap<>())
				.put(registered.version(), registered.id());
			this.nextId = Math.max(this.nextId, registered.id() + 1);
		}
		else if (entry instanceof JournalEntry.CompatibilitySet set) {
			if (set.subject() == null) {
				this.globalLevel = set.level();
			}
			else {
				this.subjectLevels.put(set.subject(), set.level());
			}
		}
		else if (entry instanceof JournalEntry.CompatibilityCleared cleared) {
			this.subjectLevels.remove(cleared.subject());
		}
		else if (entry instanceof JournalEntry.SubjectDeleted deleted) {
			// As in Confluent: the subject's own level goes with it, so a subject created
			// again under the same name follows the global level.
			this.subjects.remove(deleted.subject());
			this.subjectLevels.remove(deleted.subject());
		}
	}

	static Schema parse(String schemaText) {
		if (schemaText == null || schemaText.isBlank()) {
			throw RegistryException.invalidSchema("the schema is empty");
		}
		try {
			// A fresh parser per schema: a parser remembers names and would reject a
			// redefinition.
			return new Schema.Parser().parse(schemaText);
		}
		catch (RuntimeException ex) {
			throw RegistryException.invalidSchema(ex.getMessage(), ex);
		}
	}

}
