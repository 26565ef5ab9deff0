package com.example.payments.schema;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.IndexedRecord;

/**
 * Finds and masks personal data in payment records. A field holds personal data (names,
 * e-mail, phone, address, Vipps userId) when its schema carries the custom property
 * {@value #PROPERTY}{@code : true}; this class reads that marking so logs and tooling
 * never need their own list of sensitive fields.
 */
public final class PersonalData {

	/** The custom Avro field property that marks personal data. */
	public static final String PROPERTY = "personalData";

	/**
	 * What {@link #toMaskedString(IndexedRecord)} prints in place of a personal value.
	 */
	public static final String MASK = "***";

	private PersonalData() {
	}

	/**
	 * Tell whether a field is marked as personal data.
	 * @param field a record field
	 * @return {@code true} if the field has {@code "personalData": true}
	 */
	public static boolean isPersonal(Field field) {
		return Boolean.TRUE.equals(field.getObjectProp(PROPERTY));
	}

	/**
	 * List the paths of every personal-data field reachable from a schema. A path names
	 * the fields from the top, with the record name of a union branch in brackets and
	 * {@code []} for array items, e.g. {@code event[UserDetailsShared].email}. Fields
	 * inside a personal field are listed too if they are marked themselves.
	 * @param schema a top-level schema
	 * @return the paths in schema order
	 */
	public static List<String> fieldPaths(Schema schema) {
		List<String> paths = new ArrayList<>();
		collect(schema, "", paths, new HashSet<>());
		return paths;
	}

	/**
	 * Render a record the way {@code toString()} would (JSON-like), with the value of
	 * every personal-data field, at any depth, replaced by {@value #MASK}. A personal
	 * field that is {@code null} stays {@code null}.
	 * @param record a generated (specific) or generic record
	 * @return a rendering safe to log
	 */
	public static String toMaskedString(IndexedRecord record) {
		StringBuilder out = new StringBuilder();
		render(record, out);
		return out.toString();
	}

	private static void collect(Schema schema, String path, List<String> paths, Set<String> visiting) {
		switch (schema.getType()) {
			case RECORD -> {
				// A recursive schema would otherwise never end.
				if (!visiting.add(schema.getFullName())) {
					return;
				}
				for (Field field : schema.getFields()) {
					String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
					if (isPersonal(field)) {
						paths.add(fieldPath);
					}
					collect(field.schema(), fieldPath, paths, visiting);
				}
				visiting.remove(schema.getFullName());
			}
			case UNION -> {
				for (Schema branch : schema.getTypes()) {
					String branchPath = (branch.getType() == Schema.Type.RECORD) ? path + "[" + branch.getName() + "]"
							: path;
					collect(branch, branchPath, paths, visiting);
				}
			}
			case ARRAY -> collect(schema.getElementType(), path + "[]", paths, visiting);
			case MAP -> collect(schema.getValueType(), path + "{}", paths, visiting);
			default -> {
			}
		}
	}

	private static void render(Object value, StringBuilder out) {
		if (value instanceof IndexedRecord record) {
			renderRecord(record, out);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : ", ");
				quote(String.valueOf(entry.getKey()), out);
				out.append(": ");
				render(entry.getValue(), out);
				first = false;
			}
			out.append('}');
		}
		else if (value instanceof Collection<?> items) {
			out.append('[');
			boolean first = true;
			for (Object item : items) {
				out.append(first ? "" : ", ");
				render(item, out);
				first = false;
			}
			out.append(']');
		}
		else if (value == null || value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof ByteBuffer bytes) {
			out.append("\"<").append(bytes.remaining()).append(" bytes>\"");
		}
		else {
			// Strings, enum symbols and logical types (Instant, UUID...) print as text.
			quote(value.toString(), out);
		}
	}

	private static void renderRecord(IndexedRecord record, StringBuilder out) {
		out.append('{');
		List<Field> fields = record.getSchema().getFields();
		for (int i = 0; i < fields.size(); i++) {
			Field field = fields.get(i);
			out.append((i > 0) ? ", " : "");
			quote(field.name(), out);
			out.append(": ");
			Object value = record.get(field.pos());
			if (isPersonal(field) && value != null) {
				quote(MASK, out);
			}
			else {
				render(value, out);
			}
		}
		out.append('}');
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
