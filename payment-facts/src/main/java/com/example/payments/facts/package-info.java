/**
 * The one mapping from what Vipps tells us to payment events with their ids, shared by
 * the three services so none re-implements it:
 * {@link com.example.payments.facts.CommandAnswerFacts} (Vipps' answers to our calls, for
 * the command service), {@link com.example.payments.facts.CallbackFacts} (Vipps'
 * callbacks, for the ingest service) and {@link com.example.payments.facts.DetailsFacts}
 * ({@code GET /details} against what is already recorded, for reconciliation and for the
 * command service resolving an unknown outcome). Pure functions: no Spring, no Kafka, no
 * clock.
 */
package com.example.payments.facts;
