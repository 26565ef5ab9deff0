package com.example.payments.schema.evolution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * The house rules of the contract, checked on every named type reachable from a top-level
 * schema:
 * <ul>
 * <li>records, enums and fields have a doc string;</li>
 * <li>every enum has a default symbol, so a reader meets a symbol added later without
 * failing;</li>
 * <li>amounts ({@code amount}, {@code *Amount}, {@code *Cost} fields) are {@code long}
 * øre;</li>
 * <li>instants ({@code *At} fields) are {@code timestamp-millis}.</li>
 * </ul>
 */
public final class SchemaConventions {

	private SchemaConventions() {
	}

	/**
	 * Return every rule a schema breaks.
	 * @param schema a top-level schema
	 * @return one description per violation, e.g.
	 * {@code com.example.Foo.amount: amounts must be long øre, is int}; empty when none
	 */
	public static List<String> violations(Schema schema) {
		List<String> violations = new ArrayList<>();
		visit(schema, violations, new HashSet<>());
		return violations;
	}

	private static void visit(Schema schema, List<String> violations, Set<String> seen) {
		switch (schema.getType()) {
			case RECORD -> {
				if (!seen.add(schema.getFullName())) {
					return;
				}
				requireDoc(schema.getFullName(), schema.getDoc(), violations);
				for (Field field : schema.getFields()) {
					checkField(schema.getFullName() + "." + field.name(), field, violations);
					visit(field.schema(), violations, seen);
				}
			}
			case ENUM -> {
				if (!seen.add(schema.getFullName())) {
					return;
				}
				requireDoc(schema.getFullName(), schema.getDoc(), violations);
				if (schema.getEnumDefault() == null) {
					violations
						.add(schema.getFullName() + ": enums need a default symbol (e.g. UNKNOWN) so they can grow");
				}
			}
			case UNION -> schema.getTypes().forEach((branch) -> visit(branch, violations, seen));
			case ARRAY -> visit(schema.getElementType(), violations, seen);
			case MAP -> visit(schema.getValueType(), violations, seen);
			default -> {
			}
		}
	}

	private static void checkField(String path, Field field, List<String> violations) {
		requireDoc(path, field.doc(), violations);
		Schema type = nonNull(field.schema());
		String name = field.name();
		if ((name.equals("amount") || name.endsWith("Amount") || name.endsWith("Cost"))
				&& (type.getType() != Schema.Type.LONG || type.getLogicalType() != null)) {
			violations.add(path + ": amounts must be long øre, is " + describe(type));
		}
		if (name.endsWith("At") && !isTimestampMillis(type.getLogicalType())) {
			violations.add(path + ": instants must be timestamp-millis, is " + describe(type));
		}
	}

	private static boolean isTimestampMillis(LogicalType logicalType) {
		return logicalType != null && logicalType.getName().equals(LogicalTypes.timestampMillis().getName());
	}

	private static void requireDoc(String path, String doc, List<String> violations) {
		if (doc == null || doc.isBlank()) {
			violations.add(path + ": needs a doc string");
		}
	}

	// An optional field is a union of null and one type; the rules apply to that type.
	private static Schema nonNull(Schema schema) {
		if (schema.getType() == Schema.Type.UNION && schema.getTypes().size() == 2 && schema.isNullable()) {
			return schema.getTypes()
				.stream()
				.filter((branch) -> branch.getType() != Schema.Type.NULL)
				.findFirst()
				.get();
		}
		return schema;
	}

	private static String describe(Schema type) {
		return (type.getLogicalType() != null) ? type.getLogicalType().getName() : type.getType().getName();
	}

}
