/**
 * Receives the calls Vipps makes to the merchant (callbacks, shipping details, consent
 * removal) and publishes them as events.
 */
package com.example.payments.ingest;
