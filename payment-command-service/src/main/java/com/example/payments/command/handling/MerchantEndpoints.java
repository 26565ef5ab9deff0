package com.example.payments.command.handling;

/**
 * Where Vipps calls the merchant back: the ingest service's public prefixes, sent with
 * every initiate (Vipps appends {@code /v2/payments/{orderId}},
 * {@code /v2/payments/{orderId}/shippingDetails} and {@code /v2/consents/{userId}}).
 *
 * @param callbackPrefix for transaction updates
 * @param shippingDetailsPrefix for express payments with address-dependent shipping
 * @param consentRemovalPrefix for express payments
 */
public record MerchantEndpoints(String callbackPrefix, String shippingDetailsPrefix, String consentRemovalPrefix) {

}
