package com.example.payments.serde.registry;

import java.util.Optional;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry could not do what was asked. The message names the registry URL, the
 * request, the registry's own error code and message, and, once a serde has added it with
 * {@link #resolving}, the topic and subject being resolved. Subclasses mark the failures
 * a caller must tell apart; {@code FailureClass.of} in the parent package sorts them into
 * transient, configuration and poison.
 */
public sealed class SchemaRegistryException extends SerializationException permits RegistryUnreachableException,
		RegistryAccessDeniedException, SchemaNotFoundException, IncompatibleSchemaException {

	private final int httpStatus;

	private final int errorCode;

	// Known only to the serde that called the client, which adds them with resolving().
	private final String topic;

	private final String subject;

	public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.topic = null;
		this.subject = null;
	}

	/**
	 * A copy of an exception that names what was being resolved.
	 * @param original the exception the client threw
	 * @param topic the topic
	 * @param subject the subject
	 */
	SchemaRegistryException(SchemaRegistryException original, String topic, String subject) {
		super(original.detail(), original.getCause());
		this.httpStatus = original.httpStatus;
		this.errorCode = original.errorCode;
		this.topic = topic;
		this.subject = subject;
		setStackTrace(original.getStackTrace());
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

	/**
	 * The same failure, naming the topic and subject that were being resolved; a serde
	 * rethrows this, as the client below it does not know the topic.
	 * @param topic the topic of the record being serialized or deserialized
	 * @param subject the subject, e.g. {@code payments.events.v1-value}
	 * @return an exception of the same type, or this one if it already names a topic
	 */
	public SchemaRegistryException resolving(String topic, String subject) {
		return (this.topic != null) ? this : new SchemaRegistryException(this, topic, subject);
	}

	/**
	 * The topic whose record was being serialized or deserialized.
	 * @return the topic, empty when the client was called directly
	 */
	public Optional<String> topic() {
		return Optional.ofNullable(this.topic);
	}

	/**
	 * The subject being resolved.
	 * @return the subject, empty when the client was called directly
	 */
	public Optional<String> subject() {
		return Optional.ofNullable(this.subject);
	}

	/**
	 * The message without the topic and subject.
	 * @return what the client reported
	 */
	String detail() {
		return super.getMessage();
	}

	@Override
	public String getMessage() {
		String message = detail();
		return (this.topic != null)
				? "Resolving the schema of topic '" + this.topic + "' (subject '" + this.subject + "'): " + message
				: message;
	}

}
