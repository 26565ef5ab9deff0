package com.example.payments.schema.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The released versions of the top-level schemas, stored as
 * {@code <root>/<FullName>/v<N>.avsc} with N counting up from 1 without gaps. Each file
 * is a complete, self-contained schema (every named type inlined), written by
 * {@link SchemaRelease}. The module's own releases live in {@code src/main/avro-released}
 * and ship in the jar under {@value #CLASSPATH_ROOT}.
 */
public final class ReleasedSchemas {

	/** Where the released versions are on the classpath. */
	public static final String CLASSPATH_ROOT = "avro-released";

	private final FileSource source;

	private ReleasedSchemas(FileSource source) {
		this.source = source;
	}

	/**
	 * Read released versions from the classpath ({@value #CLASSPATH_ROOT}/...).
	 * @return the released versions this module ships
	 */
	public static ReleasedSchemas fromClasspath() {
		ClassLoader classLoader = ReleasedSchemas.class.getClassLoader();
		return new ReleasedSchemas((relativePath) -> {
			try (InputStream in = classLoader.getResourceAsStream(CLASSPATH_ROOT + "/" + relativePath)) {
				return (in != null) ? Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8))
						: Optional.empty();
			}
		});
	}

	/**
	 * Read released versions from a directory, e.g. {@code src/main/avro-released}.
	 * @param root the directory holding one sub-directory per full name
	 * @return the released versions found there
	 */
	public static ReleasedSchemas fromDirectory(Path root) {
		return new ReleasedSchemas((relativePath) -> {
			Path file = root.resolve(relativePath);
			return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
					: Optional.empty();
		});
	}

	/**
	 * Return the path of a version's file relative to the root.
	 * @param fullName the schema's full name
	 * @param version the release number
	 * @return {@code <FullName>/v<N>.avsc}
	 */
	public static String relativePathOf(String fullName, int version) {
		return fullName + "/v" + version + ".avsc";
	}

	/**
	 * Return every released version of a schema, oldest first.
	 * @param fullName the schema's full name
	 * @return v1, v2, ... up to the first missing number; empty if never released
	 * @throws IllegalStateException if a released file cannot be read, does not parse, or
	 * holds a schema of another name
	 */
	public List<ReleasedSchema> versionsOf(String fullName) {
		List<ReleasedSchema> versions = new ArrayList<>();
		for (int version = 1;; version++) {
			String relativePath = relativePathOf(fullName, version);
			Optional<String> text = read(relativePath);
			if (text.isEmpty()) {
				return List.copyOf(versions);
			}
			versions.add(new ReleasedSchema(fullName, version, parse(fullName, relativePath, text.get())));
		}
	}

	private Optional<String> read(String relativePath) {
		try {
			return this.source.read(relativePath);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read released schema " + relativePath, ex);
		}
	}

	private static Schema parse(String fullName, String relativePath, String text) {
		Schema schema;
		try {
			// A fresh parser per file: each release defines the same names again.
			schema = new Schema.Parser().parse(text);
		}
		catch (SchemaParseException ex) {
			throw new IllegalStateException("Released schema " + relativePath + " does not parse: " + ex.getMessage(),
					ex);
		}
		if (!fullName.equals(schema.getFullName())) {
			throw new IllegalStateException(
					"Released schema " + relativePath + " defines " + schema.getFullName() + ", expected " + fullName);
		}
		return schema;
	}

	@FunctionalInterface
	private interface FileSource {

		Optional<String> read(String relativePath) throws IOException;

	}

}
