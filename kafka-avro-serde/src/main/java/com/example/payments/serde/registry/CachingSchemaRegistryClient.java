package com.example.payments.serde.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * Remembers every answer that cannot change (ids, a schema's id under a subject) so a
 * serde calls the registry once per schema, not once per record. A subject's latest
 * version can change, so it is kept only for a configurable time.
 *
 * <p>
 * The caches are unbounded: a service sees a handful of schemas. Concurrent misses for
 * the same key may both call the registry; the answers are identical, so that is harmless
 * and cheaper than holding a lock across an HTTP call.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

	private final SchemaRegistryClient delegate;

	private final Duration latestTtl;

	private final Clock clock;

	private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();

	private final Map<SubjectSchema, RegisteredSchema> lookedUp = new ConcurrentHashMap<>();

	private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

	private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

	/**
	 * Cache a client's answers.
	 * @param delegate the client that asks the registry
	 * @param latestTtl how long to keep a subject's latest version; negative keeps it
	 * forever, zero not at all
	 */
	public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl) {
		this(delegate, latestTtl, Clock.systemUTC());
	}

	CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl, Clock clock) {
		this.delegate = delegate;
		this.latestTtl = latestTtl;
		this.clock = clock;
	}

	@Override
	public int register(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer id = this.registered.get(key);
		if (id == null) {
			id = this.delegate.register(subject, schema);
			this.registered.put(key, id);
			this.byId.putIfAbsent(id, schema);
		}
		return id;
	}

	@Override
	public RegisteredSchema lookup(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		RegisteredSchema found = this.lookedUp.get(key);
		if (found == null) {
			found = this.delegate.lookup(subject, schema);
			this.lookedUp.put(key, found);
			this.byId.putIfAbsent(found.id(), found.schema());
		}
		return found;
	}

	@Override
	public Schema schemaById(int id) {
		Schema schema = this.byId.get(id);
		if (schema == null) {
			schema = this.delegate.schemaById(id);
			this.byId.put(id, schema);
		}
		return schema;
	}

	@Override
	public RegisteredSchema latestVersion(String subject) {
		Instant now = this.clock.instant();
		Expiring cached = this.latest.get(subject);
		if (cached != null && (cached.expiresAt() == null || now.isBefore(cached.expiresAt()))) {
			return cached.value();
		}
		RegisteredSchema fresh = this.delegate.latestVersion(subject);
		this.byId.putIfAbsent(fresh.id(), fresh.schema());
		if (!this.latestTtl.isZero()) {
			this.latest.put(subject,
					new Expiring(fresh, this.latestTtl.isNegative() ? null : now.plus(this.latestTtl)));
		}
		return fresh;
	}

	@Override
	public boolean hasSubject(String subject) {
		return this.delegate.hasSubject(subject);
	}

	private record SubjectSchema(String subject, Schema schema) {
	}

	private record Expiring(RegisteredSchema value, Instant expiresAt) {
	}

}
