/**
 * The callback endpoint: Vipps' transaction updates in, payment events out, answered only
 * once Kafka acknowledged them.
 */
package com.example.payments.ingest.callback;
