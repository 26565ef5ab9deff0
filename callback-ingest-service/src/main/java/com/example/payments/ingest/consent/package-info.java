/**
 * The consent-removal endpoint: a Vipps user's withdrawn consent in,
 * {@code ConsentRevoked} out.
 */
package com.example.payments.ingest.consent;
