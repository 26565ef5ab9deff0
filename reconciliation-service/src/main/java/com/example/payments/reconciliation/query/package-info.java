/**
 * "What is the state of this payment": {@code GET /payments/{msn}/{orderId}} answered
 * from the tracker's store by the instance that owns the payment's partition; any other
 * instance forwards the request there (Kafka Streams interactive queries).
 */
package com.example.payments.reconciliation.query;
