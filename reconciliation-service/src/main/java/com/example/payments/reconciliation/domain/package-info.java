/**
 * What reconciliation knows and decides about one payment, free of Spring, Kafka and
 * Avro: the tracked state and history
 * ({@link com.example.payments.reconciliation.domain.TrackedPayment}), the check ladders
 * and when the next check is due
 * ({@link com.example.payments.reconciliation.domain.CheckSchedule}), and the budgets
 * that keep {@code /details} calls within Vipps' limits
 * ({@link com.example.payments.reconciliation.domain.SlidingWindowLimit}).
 */
package com.example.payments.reconciliation.domain;
