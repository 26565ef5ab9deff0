/**
 * Wiring only: the typed configuration ({@code reconciliation.*}), the Vipps client with
 * its retries off, the topology, the poller and its offsets barrier.
 */
package com.example.payments.reconciliation.config;
