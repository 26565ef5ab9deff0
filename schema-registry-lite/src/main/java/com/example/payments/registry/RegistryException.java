package com.example.payments.registry;

import java.util.List;

/**
 * A failure answered in Confluent's error shape: an HTTP status plus an
 * {@code error_code} and a message, so clients written against Confluent's registry
 * decode it unchanged.
 */
public final class RegistryException extends RuntimeException {

	private final int httpStatus;

	private final int errorCode;

	RegistryException(int httpStatus, int errorCode, String message) {
		this(httpStatus, errorCode, message, null);
	}

	RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public int errorCode() {
		return this.errorCode;
	}

	static RegistryException subjectNotFound(String subject) {
		return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
	}

	static RegistryException versionNotFound(String subject, int version) {
		return new RegistryException(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
	}

	static RegistryException schemaNotFound(int id) {
		return new RegistryException(404, 40403, "Schema " + id + " not found.");
	}

	static RegistryException schemaNotFoundUnder(String subject) {
		return new RegistryException(404, 40403, "Schema not found under subject '" + subject + "'.");
	}

	static RegistryException subjectLevelConfigNotFound(String subject) {
		return new RegistryException(404, 40408, "Subject '" + subject
				+ "' does not have subject-level compatibility configured (use ?defaultToGlobal=true for the global level).");
	}

	static RegistryException invalidSchema(String reason) {
		return new RegistryException(422, 42201, "Invalid schema: " + reason);
	}

	static RegistryException invalidSchema(String reason, Throwable cause) {
		return new RegistryException(422, 42201, "Invalid schema: " + reason, cause);
	}

	static RegistryException invalidVersion(String version) {
		return new RegistryException(422, 42202, "The specified version '" + version
				+ "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\".");
	}

	static RegistryException invalidCompatibilityLevel(String level) {
		return new RegistryException(422, 42203,
				"Invalid compatibility level '" + level + "'. Valid values are " + CompatibilityLevel.names() + ".");
	}

	static RegistryException incompatible(String subject, List<String> messages) {
		return new RegistryException(409, 409,
				"Schema being registered is incompatible with an earlier schema for subject '" + subject
						+ "', details: " + messages);
	}

	static RegistryException storeError(String reason, Throwable cause) {
		return new RegistryException(500, 50001, "Error in the backend data store: " + reason, cause);
	}

	static RegistryException malformedRequest(String reason) {
		return new RegistryException(400, 400, "Malformed request: " + reason);
	}

}
