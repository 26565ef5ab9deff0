package com.example.payments.serde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/**
 * A reader schema widened to read record types a newer writer added to a union of several
 * record types, and the data model that reads those types generically.
 *
 * <p>
 * Avro's schema resolution fails a record that carries a union branch the reader lacks.
 * The widened schema is the reader's schema plus, in each union whose Java type is
 * {@code Object} (two or more non-null branches), the writer's extra record branches,
 * appended after the reader's own so the reader's branch positions do not move. The
 * {@linkplain #model model} reads the writer's extra branches as
 * {@link UnknownUnionBranch} and everything inside them generically (the reader's
 * generated classes of the same names may be of another version), and everything else
 * into the generated classes as before.
 *
 * @param schema the reader schema to use
 * @param model the data model to read with
 */
record WidenedReaderSchema(Schema schema, SpecificData model) {

	/**
	 * Widen a reader schema for a writer schema.
	 * @param writer the writer's schema
	 * @param reader the generated class's schema
	 * @param model the generated class's model (its conversions are kept)
	 * @return the reader schema and model to read with: the given ones when the writer
	 * adds no union branch
	 */
	static WidenedReaderSchema of(Schema writer, Schema reader, SpecificData model) {
		Widening widening = new Widening();
		Schema widened = widening.widen(writer, reader);
		if (widened == reader) {
			return new WidenedReaderSchema(reader, model);
		}
		return new WidenedReaderSchema(widened, new UnknownBranchModel(model, widening.branches, widening.inside));
	}

	/**
	 * Whether a union is one whose generated Java type is {@code Object}: two or more
	 * branches besides null.
	 * @param union a union schema
	 * @return whether it holds several types
	 */
	static boolean isMultiType(Schema union) {
		return union.getTypes().stream().filter((branch) -> branch.getType() != Schema.Type.NULL).count() > 1;
	}

	private static boolean isNamed(Schema schema) {
		return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
				|| schema.getType() == Schema.Type.FIXED;
	}

	private static void collectNamed(Schema schema, Set<Schema> named) {
		switch (schema.getType()) {
			case RECORD -> {
				if (named.add(schema)) {
					schema.getFields().forEach((field) -> collectNamed(field.schema(), named));
				}
			}
			case ENUM, FIXED -> named.add(schema);
			case UNION -> schema.getTypes().forEach((branch) -> collectNamed(branch, named));
			case ARRAY -> collectNamed(schema.getElementType(), named);
			case MAP -> collectNamed(schema.getValueType(), named);
			default -> {
			}
		}
	}

	private static Set<Schema> identitySet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

	/** One widening pass: what it added, by identity. */
	private static final class Widening {

		private final Set<Schema> branches = identitySet();

		private final Set<Schema> inside = identitySet();

		private final Set<Schema> onPath = identitySet();

		Schema widen(Schema writer, Schema reader) {
			return switch (reader.getType()) {
				case RECORD -> (writer.getType() == Schema.Type.RECORD) ? widenRecord(writer, reader) : reader;
				case UNION -> widenUnion(writer, reader);
				case ARRAY -> (writer.getType() == Schema.Type.ARRAY)
						? copyProps(reader, widen(writer.getElementType(), reader.getElementType()),
								reader.getElementType(), Schema::createArray)
						: reader;
				case MAP -> (writer.getType() == Schema.Type.MAP) ? copyProps(reader,
						widen(writer.getValueType(), reader.getValueType()), reader.getValueType(), Schema::createMap)
						: reader;
				default -> reader;
			};
		}

		private Schema widenRecord(Schema writer, Schema reader) {
			if (!this.onPath.add(reader)) {
				// A recursive type: its widening is already being built further up.
				return reader;
			}
			try {
				boolean changed = false;
				List<Field> fields = new ArrayList<>();
				for (Field field : reader.getFields()) {
					Field written = writerField(writer, field);
					Schema type = (written != null) ? widen(written.schema(), field.schema()) : field.schema();
					changed |= type != field.schema();
					fields.add(new Field(field, type));
				}
				if (!changed) {
					return reader;
				}
				Schema copy = Schema.createRecord(reader.getName(), reader.getDoc(), reader.getNamespace(),
						reader.isError(), fields);
				copy.addAllProps(reader);
				reader.getAliases().forEach(copy::addAlias);
				return copy;
			}
			finally {
				this.onPath.remove(reader);
			}
		}

		private Schema widenUnion(Schema writer, Schema reader) {
			List<Schema> writerBranches = (writer.getType() == Schema.Type.UNION) ? writer.getTypes() : List.of(writer);
			boolean changed = false;
			List<Schema> branches = new ArrayList<>();
			for (Schema branch : reader.getTypes()) {
				Schema written = matching(writerBranches, branch);
				Schema widened = (written != null) ? widen(written, branch) : branch;
				changed |= widened != branch;
				branches.add(widened);
			}
			if (isMultiType(reader)) {
				for (Schema written : writerBranches) {
					if (written.getType() == Schema.Type.RECORD && matching(reader.getTypes(), written) == null) {
						branches.add(written);
						this.branches.add(written);
						collectNamed(written, this.inside);
						changed = true;
					}
				}
			}
			return changed ? Schema.createUnion(branches) : reader;
		}

		private static Field writerField(Schema writer, Field field) {
			Field written = writer.getField(field.name());
			if (written == null) {
				for (String alias : field.aliases()) {
					written = writer.getField(alias);
					if (written != null) {
						break;
					}
				}
			}
			return written;
		}

		// As Avro's union resolution: a named type matches by full name, then by short
		// name; any other type by its type.
		private static Schema matching(List<Schema> candidates, Schema branch) {
			for (Schema candidate : candidates) {
				if (candidate.getType() == branch.getType()
						&& (!isNamed(branch) || candidate.getFullName().equals(branch.getFullName()))) {
					return candidate;
				}
			}
			for (Schema candidate : candidates) {
				if (candidate.getType() == branch.getType() && isNamed(branch)
						&& candidate.getName().equals(branch.getName())) {
					return candidate;
				}
			}
			return null;
		}

		private static Schema copyProps(Schema original, Schema widenedElement, Schema originalElement,
				Function<Schema, Schema> create) {
			if (widenedElement == originalElement) {
				return original;
			}
			Schema copy = create.apply(widenedElement);
			copy.addAllProps(original);
			return copy;
		}

	}

	/**
	 * The generated classes' model, except that the writer's extra branches and every
	 * named type inside them are read generically: a class of the same name in this
	 * reader may be another version of that type.
	 */
	private static final class UnknownBranchModel extends SpecificData {

		private final Set<Schema> branches;

		private final Set<Schema> inside;

		UnknownBranchModel(SpecificData model, Set<Schema> branches, Set<Schema> inside) {
			super(model.getClassLoader());
			model.getConversions().forEach(this::addLogicalTypeConversion);
			this.branches = branches;
			this.inside = inside;
		}

		@Override
		public Object newRecord(Object old, Schema schema) {
			if (this.branches.contains(schema)) {
				return new UnknownUnionBranch(schema);
			}
			return this.inside.contains(schema) ? new GenericData.Record(schema) : super.newRecord(old, schema);
		}

		@Override
		public Object createEnum(String symbol, Schema schema) {
			return this.inside.contains(schema) ? new GenericData.EnumSymbol(schema, symbol)
					: super.createEnum(symbol, schema);
		}

		@Override
		public Object createFixed(Object old, Schema schema) {
			return this.inside.contains(schema) ? new GenericData.Fixed(schema) : super.createFixed(old, schema);
		}

	}

}
