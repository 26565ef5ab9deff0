/**
 * The one client of the Vipps MobilePay eCom API v2: {@link VippsClient}, the outcomes of
 * its mutating calls ({@link VippsOutcome}: applied, not applied, unknown) and its
 * configuration. Plain library code, wired by each service itself.
 */
package com.example.payments.vipps.client;
