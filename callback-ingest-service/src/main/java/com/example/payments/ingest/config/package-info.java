/**
 * Wiring and the typed configuration ({@code ingest.*}) of the service.
 */
package com.example.payments.ingest.config;
