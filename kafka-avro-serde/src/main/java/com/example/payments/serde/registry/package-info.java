/**
 * A client of the Confluent Schema Registry REST API, usable on its own: register, look
 * up, fetch by id, latest version; with failover across URLs, basic auth and caching.
 */
package com.example.payments.serde.registry;
