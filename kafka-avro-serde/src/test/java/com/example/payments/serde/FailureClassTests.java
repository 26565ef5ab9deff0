package com.example.payments.serde;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import com.example.payments.serde.registry.IncompatibleSchemaException;
import com.example.payments.serde.registry.RegistryAccessDeniedException;
import com.example.payments.serde.registry.RegistryUnreachableException;
import com.example.payments.serde.registry.SchemaNotFoundException;
import com.example.payments.serde.registry.SchemaRegistryException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureClass}.
 */
class FailureClassTests {

	@Test
	void registryThatCannotAnswerNowIsTransient() {
		assertThat(FailureClass.of(unreachable(0))).contains(FailureClass.TRANSIENT);
		assertThat(FailureClass.of(unreachable(503))).contains(FailureClass.TRANSIENT);
		assertThat(FailureClass.of(unreachable(429))).contains(FailureClass.TRANSIENT);
	}

	@Test
	void registryThatAnswersWrongIsAConfigurationFault() {
		assertThat(FailureClass.of(new RegistryAccessDeniedException("401", 401, 40101)))
			.contains(FailureClass.CONFIGURATION);
		assertThat(FailureClass.of(new RegistryAccessDeniedException("403", 403, 40301)))
			.contains(FailureClass.CONFIGURATION);
		assertThat(FailureClass.of(new IncompatibleSchemaException("409"))).contains(FailureClass.CONFIGURATION);
		assertThat(FailureClass.of(new SchemaNotFoundException("not registered", 404, 40401)))
			.contains(FailureClass.CONFIGURATION);
		assertThat(FailureClass.of(new SchemaRegistryException("422", 422, 42201, null)))
			.contains(FailureClass.CONFIGURATION);
		assertThat(FailureClass
			.of(new RegistryStateException("t", "t-value", 7, new SchemaNotFoundException("unknown id", 404, 40403))))
			.contains(FailureClass.CONFIGURATION);
	}

	@Test
	void recordsThatCanNeverBeReadArePoison() {
		assertThat(FailureClass.of(new InvalidWireFormatException("t", "3 bytes"))).contains(FailureClass.POISON);
		assertThat(FailureClass
			.of(new UnknownSchemaIdException("t", 42, new SchemaNotFoundException("unknown id", 404, 40403))))
			.contains(FailureClass.POISON);
		assertThat(FailureClass.of(new ReaderClassNotFoundException("t", 1, "x.Missing", null)))
			.contains(FailureClass.POISON);
		assertThat(FailureClass.of(new SerializationException("Cannot decode Avro record", new IOException())))
			.contains(FailureClass.POISON);
	}

	@Test
	void looksThroughWrappersOutermostFirst() {
		// spring-kafka wraps the deserializer's exception; a listener may wrap a
		// producer's
		Exception wrapped = new KafkaException("listener failed",
				new IllegalStateException("send failed", unreachable(0)));
		Exception genericAroundRegistry = new SerializationException("could not encode",
				new RegistryAccessDeniedException("401", 401, 40101));

		assertThat(FailureClass.of(wrapped)).contains(FailureClass.TRANSIENT);
		assertThat(FailureClass.of(genericAroundRegistry)).contains(FailureClass.CONFIGURATION);
	}

	@Test
	void leavesApplicationFailuresToTheCaller() {
		assertThat(FailureClass.of(new IllegalArgumentException("bad orderId"))).isEmpty();
		assertThat(FailureClass.of(new KafkaException("broker"))).isEmpty();
	}

	@Test
	void survivesACyclicCauseChain() {
		CyclicException first = new CyclicException();
		CyclicException second = new CyclicException();
		first.initCause(second);
		second.initCause(first);

		assertThat(FailureClass.of(first)).isEmpty();
	}

	private static RegistryUnreachableException unreachable(int status) {
		return new RegistryUnreachableException("GET /schemas/ids/1", List.of("http://registry:8081 (...)"),
				List.of("http://registry:8081"), status, (status == 0) ? new ConnectException() : null);
	}

	private static final class CyclicException extends RuntimeException {

		CyclicException() {
			super("cycle");
		}

	}

}
