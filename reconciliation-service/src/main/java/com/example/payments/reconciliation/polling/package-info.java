/**
 * Reading {@code /details} off the stream threads: the poller starts each check the
 * tracker hands it within the per-MSN budget and concurrency (the client's own retries
 * off: the ladder is the retry), waits until the tracker's state holds every event and
 * command written before the answer, and delivers the result to the tracker's inbox.
 */
package com.example.payments.reconciliation.polling;
