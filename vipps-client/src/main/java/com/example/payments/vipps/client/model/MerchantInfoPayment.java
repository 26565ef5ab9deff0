package com.example.payments.vipps.client.model;

/**
 * {@code merchantInfo} of capture, cancel and refund ({@code MerchantInfoPayment}).
 *
 * @param merchantSerialNumber the MSN (string, 5-6 digits)
 * @author vipps-client
 */
public record MerchantInfoPayment(String merchantSerialNumber) {

}
