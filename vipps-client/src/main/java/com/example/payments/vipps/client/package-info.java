/**
 * The one client of the Vipps MobilePay eCom API v2: {@link VippsClient} and its
 * configuration. Plain library code, wired by each service itself.
 */
package com.example.payments.vipps.client;
