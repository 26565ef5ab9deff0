package com.example.payments.serde.registry;

import java.util.Map;

import org.apache.avro.Schema;

/**
 * The calls a serde makes to a Confluent-compatible schema registry. Every method throws
 * a {@link SchemaRegistryException} (unchecked) when the registry cannot answer:
 * {@link RegistryUnreachableException} when no URL could serve (transient),
 * {@link RegistryAccessDeniedException} for 401/403, {@link SchemaNotFoundException},
 * {@link IncompatibleSchemaException}, or the base class for any other answer.
 */
public interface SchemaRegistryClient {

	/**
	 * Register a schema under a subject, or find the id it already has.
	 * @param subject the subject, e.g. {@code payments.events.v1-value}
	 * @param schema the schema
	 * @return the global schema id
	 * @throws IncompatibleSchemaException if the subject's compatibility level refuses it
	 */
	int register(String subject, Schema schema);

	/**
	 * Find a schema under a subject without registering it.
	 * @param subject the subject
	 * @param schema the schema
	 * @return the registered version
	 * @throws SchemaNotFoundException if the subject or the schema under it is unknown
	 */
	RegisteredSchema lookup(String subject, Schema schema);

	/**
	 * The schema with a global id.
	 * @param id the id
	 * @return the schema
	 * @throws SchemaNotFoundException if the id is unknown
	 */
	Schema schemaById(int id);

	/**
	 * The latest version of a subject.
	 * @param subject the subject
	 * @return the latest version
	 * @throws SchemaNotFoundException if the subject is unknown
	 */
	RegisteredSchema latestVersion(String subject);

	/**
	 * Whether the registry holds any version under a subject; never cached. A reader uses
	 * it to tell a record naming an id the registry never issued (poison) from a registry
	 * that lost its state or is the wrong one (a configuration fault).
	 * @param subject the subject
	 * @return {@code true} if the subject has at least one version
	 */
	boolean hasSubject(String subject);

	/**
	 * A caching HTTP client.
	 * @param config the client configuration
	 * @return the client
	 */
	static SchemaRegistryClient create(RegistryClientConfig config) {
		return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(config), config.latestCacheTtl());
	}

	/**
	 * A caching HTTP client configured from Confluent's property names
	 * ({@code schema.registry.url} and friends).
	 * @param configs the properties
	 * @return the client
	 */
	static SchemaRegistryClient create(Map<String, ?> configs) {
		return create(RegistryClientConfig.parse(configs));
	}

}
