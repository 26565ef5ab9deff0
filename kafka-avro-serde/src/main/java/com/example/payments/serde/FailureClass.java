package com.example.payments.serde;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

import com.example.payments.serde.registry.IncompatibleSchemaException;
import com.example.payments.serde.registry.RegistryAccessDeniedException;
import com.example.payments.serde.registry.RegistryUnreachableException;
import com.example.payments.serde.registry.SchemaNotFoundException;
import com.example.payments.serde.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What a serde or registry failure means for the record that met it, so a consumer can
 * decide without matching strings: wait and retry the same record, or dead-letter it.
 *
 * <table>
 * <caption>How failures are classified</caption>
 * <tr>
 * <th>class</th>
 * <th>failures</th>
 * <th>a consumer</th>
 * </tr>
 * <tr>
 * <td>{@link #TRANSIENT}</td>
 * <td>{@link RegistryUnreachableException}: no URL reachable, timeouts, HTTP 5xx, 408,
 * 429</td>
 * <td>retries the same record with back-off, without limit</td>
 * </tr>
 * <tr>
 * <td>{@link #CONFIGURATION}</td>
 * <td>{@link RegistryAccessDeniedException} (401/403),
 * {@link IncompatibleSchemaException} (409), {@link SchemaNotFoundException} when
 * writing, {@link RegistryStateException}, any other registry answer</td>
 * <td>retries without limit and reports not-ready until a person fixes it</td>
 * </tr>
 * <tr>
 * <td>{@link #POISON}</td>
 * <td>{@link InvalidWireFormatException}, {@link UnknownSchemaIdException},
 * {@link ReaderClassNotFoundException}, any other {@link SerializationException} (e.g. a
 * truncated Avro body)</td>
 * <td>sends the record to its dead-letter topic</td>
 * </tr>
 * </table>
 */
public enum FailureClass {

	/** The registry cannot answer now; the same record will be readable later. */
	TRANSIENT,

	/**
	 * The registry answers, but not as it must (credentials, permissions, lost or wrong
	 * state, refused schema): the record is fine, the setup is not.
	 */
	CONFIGURATION,

	/** The record itself can never be read: it belongs in the dead-letter topic. */
	POISON;

	/**
	 * Classify a failure by the first of this module's exceptions in its cause chain,
	 * outermost first, so spring-kafka's {@code DeserializationException} or a listener
	 * exception wrapping ours is classified by ours; failing that, any
	 * {@link SerializationException} in the chain makes it poison.
	 * @param failure the failure, as thrown or as wrapped
	 * @return the class, or empty if no exception in the chain is a serialization failure
	 * (an application failure, for the caller to judge)
	 */
	public static Optional<FailureClass> of(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean serialization = false;
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			Optional<FailureClass> known = known(current);
			if (known.isPresent()) {
				return known;
			}
			serialization |= current instanceof SerializationException;
		}
		return serialization ? Optional.of(POISON) : Optional.empty();
	}

	private static Optional<FailureClass> known(Throwable failure) {
		if (failure instanceof RegistryUnreachableException) {
			return Optional.of(TRANSIENT);
		}
		if (failure instanceof SchemaRegistryException || failure instanceof RegistryStateException) {
			return Optional.of(CONFIGURATION);
		}
		if (failure instanceof InvalidWireFormatException || failure instanceof UnknownSchemaIdException
				|| failure instanceof ReaderClassNotFoundException) {
			return Optional.of(POISON);
		}
		return Optional.empty();
	}

}
