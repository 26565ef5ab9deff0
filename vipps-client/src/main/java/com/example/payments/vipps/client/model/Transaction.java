package com.example.payments.vipps.client.model;

/**
 * {@code transaction} of capture and refund ({@code Transaction} in the spec).
 *
 * @param amount øre (at least 100), or {@code null} for "the rest" (full capture /
 * refund)
 * @param transactionText at most 100 characters; for capture, proof of delivery
 * @author vipps-client
 */
public record Transaction(Long amount, String transactionText) {

}
