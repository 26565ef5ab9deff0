package com.example.payments.reconciliation.tracking;

import com.example.payments.schema.PaymentKey;

/**
 * One {@code /details} read for a payment, handed from the stream thread to the poller.
 *
 * @param payment the payment
 * @param partition the partition (of the events and commands topics) it lives on
 * @param sequence the payment's check sequence number, which the result carries back
 * @param inbox where the result goes
 */
public record CheckRequest(PaymentKey payment, int partition, int sequence, CheckInbox inbox) {

}
