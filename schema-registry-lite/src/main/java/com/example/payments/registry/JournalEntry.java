package com.example.payments.registry;

/**
 * A change to the registry's state, as written to the {@link SchemaJournal}. Replaying
 * the entries in order rebuilds the state, ids included.
 */
sealed interface JournalEntry {

	/**
	 * A schema registered as a new version of a subject.
	 *
	 * @param subject the subject
	 * @param version the new version
	 * @param id the global id (new or reused)
	 * @param schema the canonical schema text
	 */
	record SchemaRegistered(String subject, int version, int id, String schema) implements JournalEntry {
	}

	/**
	 * A compatibility level set globally ({@code subject == null}) or for a subject.
	 *
	 * @param subject the subject, or {@code null} for the global level
	 * @param level the level
	 */
	record CompatibilitySet(String subject, CompatibilityLevel level) implements JournalEntry {
	}

	/**
	 * A subject-level compatibility removed, so the subject follows the global level.
	 *
	 * @param subject the subject
	 */
	record CompatibilityCleared(String subject) implements JournalEntry {
	}

	/**
	 * A subject and all its versions deleted. Ids stay resolvable.
	 *
	 * @param subject the subject
	 */
	record SubjectDeleted(String subject) implements JournalEntry {
	}

}
