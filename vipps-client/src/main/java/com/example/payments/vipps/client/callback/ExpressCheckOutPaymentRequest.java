package com.example.payments.vipps.client.callback;

import com.example.payments.vipps.client.model.PaymentShippingDetails;
import com.example.payments.vipps.client.model.UserDetails;

/**
 * The callback of an express checkout ({@code ExpressCheckOutPaymentRequest}): the user's
 * profile and chosen shipping come with it. The address carries {@code zipCode} (read
 * into {@code postCode}) and {@code country} {@code "NO"} or {@code "Norway"};
 * {@code shippingCost} is NOK, not øre.
 *
 * @param merchantSerialNumber the MSN (a JSON number or string, kept as a string)
 * @param orderId the order
 * @param shippingDetails the address and shipping method the user chose
 * @param transactionInfo what happened
 * @param userDetails the user's profile
 * @param errorInfo the error of a failed payment, or {@code null}
 * @author vipps-client
 */
public record ExpressCheckOutPaymentRequest(String merchantSerialNumber, String orderId,
		PaymentShippingDetails shippingDetails, CallbackTransactionInfo transactionInfo, UserDetails userDetails,
		CallbackErrorInfo errorInfo) implements TransactionUpdateCallback {

}
