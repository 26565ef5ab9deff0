package com.example.payments.reconciliation.domain;

/**
 * One recorded event of a payment, as much of it as reconciliation keeps: never personal
 * data.
 *
 * @param eventId the event's id
 * @param kind what it records
 * @param source who recorded it
 * @param occurredAtMillis when it happened (Vipps' time or when it was learned)
 * @param recordedAtMillis when it was written
 * @param amount øre, for facts that carry one; otherwise 0
 * @param commandId the command it answers, or {@code null}
 */
public record RecordedFact(String eventId, FactKind kind, FactSource source, long occurredAtMillis,
		long recordedAtMillis, long amount, String commandId) {

	public RecordedFact {
		if (eventId == null || eventId.isBlank()) {
			throw new IllegalArgumentException("eventId must not be blank");
		}
		if (kind == null || source == null) {
			throw new IllegalArgumentException("kind and source are required");
		}
	}

}
