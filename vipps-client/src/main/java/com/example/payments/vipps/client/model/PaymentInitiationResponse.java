package com.example.payments.vipps.client.model;

/**
 * Response of initiate ({@code PaymentInitiationResponse}).
 *
 * @param orderId the order id
 * @param url the landing page or deeplink; valid for 5 minutes, do not parse or change it
 * @author vipps-client
 */
public record PaymentInitiationResponse(String orderId, String url) {

}
