package com.example.payments.serde.registry;

/**
 * The registry refused our credentials (HTTP 401) or the permission (HTTP 403): a
 * configuration fault. Retrying the same request helps only once someone fixes the
 * credentials or the registry's ACLs, so consumers wait (and report not-ready) rather
 * than dead-letter. The message never contains the credentials.
 */
public final class RegistryAccessDeniedException extends SchemaRegistryException {

	public RegistryAccessDeniedException(String message, int httpStatus, int errorCode) {
		super(message, httpStatus, errorCode, null);
	}

	private RegistryAccessDeniedException(RegistryAccessDeniedException original, String topic, String subject) {
		super(original, topic, subject);
	}

	@Override
	public RegistryAccessDeniedException resolving(String topic, String subject) {
		return topic().isPresent() ? this : new RegistryAccessDeniedException(this, topic, subject);
	}

}
