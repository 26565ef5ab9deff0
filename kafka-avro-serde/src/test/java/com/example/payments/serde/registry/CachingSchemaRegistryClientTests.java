package com.example.payments.serde.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingSchemaRegistryClientTests {

	private static final Schema ORDER = SchemaBuilder.record("Order").fields().requiredString("id").endRecord();

	private final CountingRegistry registry = new CountingRegistry();

	@Test
	void registersEachSchemaOncePerSubject() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ofSeconds(-1));

		for (int i = 0; i < 100; i++) {
			assertThat(client.register("orders-value", ORDER)).isEqualTo(7);
		}
		client.register("other-value", ORDER);

		assertThat(this.registry.calls).containsExactly("register orders-value", "register other-value");
	}

	@Test
	void knowsTheSchemaOfAnIdItRegisteredOrFetched() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ofSeconds(-1));

		client.register("orders-value", ORDER);
		assertThat(client.schemaById(7)).isEqualTo(ORDER);
		assertThat(client.schemaById(8)).isEqualTo(ORDER);
		assertThat(client.schemaById(8)).isEqualTo(ORDER);

		assertThat(this.registry.calls).containsExactly("register orders-value", "schemaById 8");
	}

	@Test
	void doesNotCacheFailures() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ofSeconds(-1));

		assertThatThrownBy(() -> client.schemaById(404)).isInstanceOf(SchemaNotFoundException.class);
		assertThatThrownBy(() -> client.schemaById(404)).isInstanceOf(SchemaNotFoundException.class);

		assertThat(this.registry.calls).containsExactly("schemaById 404", "schemaById 404");
	}

	@Test
	void cachesLookupsPerSubjectAndSchema() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ofSeconds(-1));

		client.lookup("orders-value", ORDER);
		client.lookup("orders-value", ORDER);

		assertThat(this.registry.calls).containsExactly("lookup orders-value");
	}

	@Test
	void keepsTheLatestVersionOnlyForItsTimeToLive() {
		MutableClock clock = new MutableClock();
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ofSeconds(30),
				clock);

		client.latestVersion("orders-value");
		clock.advance(Duration.ofSeconds(29));
		client.latestVersion("orders-value");
		clock.advance(Duration.ofSeconds(2));
		client.latestVersion("orders-value");

		assertThat(this.registry.calls).containsExactly("latest orders-value", "latest orders-value");
	}

	@Test
	void aZeroTimeToLiveAsksEveryTime() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(this.registry, Duration.ZERO);

		client.latestVersion("orders-value");
		client.latestVersion("orders-value");

		assertThat(this.registry.calls).hasSize(2);
	}

	private static final class CountingRegistry implements SchemaRegistryClient {

		private final List<String> calls = new ArrayList<>();

		@Override
		public int register(String subject, Schema schema) {
			this.calls.add("register " + subject);
			return 7;
		}

		@Override
		public RegisteredSchema lookup(String subject, Schema schema) {
			this.calls.add("lookup " + subject);
			return new RegisteredSchema(subject, 1, 7, schema);
		}

		@Override
		public Schema schemaById(int id) {
			this.calls.add("schemaById " + id);
			if (id == 404) {
				throw new SchemaNotFoundException("Schema 404 not found", 404, 40403);
			}
			return ORDER;
		}

		@Override
		public RegisteredSchema latestVersion(String subject) {
			this.calls.add("latest " + subject);
			return new RegisteredSchema(subject, 1, 7, ORDER);
		}

		@Override
		public boolean hasSubject(String subject) {
			this.calls.add("hasSubject " + subject);
			return true;
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
