package com.example.payments.serde.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry could not do what was asked. The message names the registry URL, the
 * request and the registry's own error code and message. Subclasses mark the failures a
 * caller may want to tell apart.
 */
public sealed class SchemaRegistryException extends SerializationException
		permits RegistryUnreachableException, SchemaNotFoundException, IncompatibleSchemaException {

	private final int httpStatus;

	private final int errorCode;

	public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	/**
	 * The HTTP status the registry answered.
	 * @return the status, or 0 if there was no answer
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Confluent's {@code error_code} from the answer, e.g. 40403.
	 * @return the code, or the HTTP status when the body had none, or 0 without an answer
	 */
	public int errorCode() {
		return this.errorCode;
	}

}
