package com.example.payments.vipps.client.model;

/**
 * {@code transaction} of cancel ({@code CancelTransaction}): a text and no amount.
 *
 * @param transactionText at most 100 characters
 * @author vipps-client
 */
public record CancelTransaction(String transactionText) {

}
