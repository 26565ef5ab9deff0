package com.example.payments.schema.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * Builds edited copies of schemas, to play the part of a developer's change.
 */
final class CandidateSchemas {

	private CandidateSchemas() {
	}

	static Schema withFields(Schema record, UnaryOperator<List<Field>> edit) {
		List<Field> fields = new ArrayList<>();
		for (Field field : record.getFields()) {
			// A Field belongs to one record; copy it before reuse.
			fields.add(new Field(field, field.schema()));
		}
		return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, edit.apply(fields));
	}

	static Schema withField(Schema record, Field added) {
		return withFields(record, (fields) -> {
			fields.add(added);
			return fields;
		});
	}

	static Schema withFieldType(Schema record, String fieldName, Schema type) {
		return withFields(record, (fields) -> {
			fields.replaceAll((field) -> field.name().equals(fieldName)
					? new Field(field.name(), type, field.doc(), (Object) null) : field);
			return fields;
		});
	}

	static Field field(Schema record, String name) {
		return record.getField(name);
	}

	static Schema record(String fullName, Field... fields) {
		int dot = fullName.lastIndexOf('.');
		return Schema.createRecord(fullName.substring(dot + 1), "test record", fullName.substring(0, dot), false,
				List.of(fields));
	}

}
