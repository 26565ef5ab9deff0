package com.example.payments.vipps.client.model;

import java.math.BigDecimal;

/**
 * The shipping the user chose (express), in details ({@code PaymentShippingDetails}).
 *
 * @param address the address, may be {@code null}
 * @param shippingCost NOK (not øre)
 * @param shippingMethod the method name
 * @param shippingMethodId our method id
 * @author vipps-client
 */
public record PaymentShippingDetails(Address address, BigDecimal shippingCost, String shippingMethod,
		String shippingMethodId) {

}
