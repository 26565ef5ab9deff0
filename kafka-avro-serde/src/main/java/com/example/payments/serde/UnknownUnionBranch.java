package com.example.payments.serde;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * A value of a union branch this reader has no class for: a record type (say a new event
 * type) that producers started writing after this consumer was built. With
 * {@code specific.avro.reader=true} the deserializer reads the envelope into its
 * generated class as usual and puts an {@code UnknownUnionBranch} where the union's value
 * would be (only in unions of several record types, whose Java type is {@code Object},
 * such as {@code PaymentEvent.event}), instead of failing the whole record.
 *
 * <p>
 * A consumer recognises it with {@code instanceof} (or {@link #findIn}) and skips the
 * record; it must never write the envelope back, since its schema cannot represent the
 * branch. The fields are readable generically ({@link #get(String)}) for logging.
 */
public final class UnknownUnionBranch extends GenericData.Record {

	/**
	 * Create an empty value of the writer's branch schema.
	 * @param schema the writer's schema of the branch
	 */
	public UnknownUnionBranch(Schema schema) {
		super(schema);
	}

	/**
	 * The full name of the unknown type, e.g.
	 * {@code com.example.payments.schema.event.PaymentDisputed}.
	 * @return the writer's full name of the branch
	 */
	public String typeName() {
		return getSchema().getFullName();
	}

	/**
	 * Find an unknown branch anywhere in a deserialized value (in its fields, and in
	 * nested records, arrays and maps).
	 * @param value a deserialized value, e.g. a {@code PaymentEvent}; may be {@code null}
	 * @return the first unknown branch found, or empty if the value has none
	 */
	public static Optional<UnknownUnionBranch> findIn(Object value) {
		if (value instanceof UnknownUnionBranch unknown) {
			return Optional.of(unknown);
		}
		if (value instanceof IndexedRecord record) {
			int fields = record.getSchema().getFields().size();
			for (int i = 0; i < fields; i++) {
				Optional<UnknownUnionBranch> found = findIn(record.get(i));
				if (found.isPresent()) {
					return found;
				}
			}
		}
		else if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				Optional<UnknownUnionBranch> found = findIn(element);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		else if (value instanceof Map<?, ?> map) {
			return findIn(map.values());
		}
		return Optional.empty();
	}

}
