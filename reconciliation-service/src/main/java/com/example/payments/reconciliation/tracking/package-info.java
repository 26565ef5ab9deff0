/**
 * The Kafka Streams side of reconciliation: one processor reads a payment's events and
 * commands into its tracked state, keeps the due-time index beside it, hands due checks
 * to the poller from a punctuator, and applies the poller's results on the stream thread,
 * publishing the facts only {@code /details} showed.
 */
package com.example.payments.reconciliation.tracking;
