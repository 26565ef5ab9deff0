package com.example.payments.vipps.client.callback;

import com.example.payments.vipps.client.model.UserDetails;

/**
 * The callback of a regular payment ({@code RegularCheckOutPaymentRequest}). A regular
 * payment initiated with {@code scope} also carries {@code userDetails} ("the same as
 * express", says the guide), although the spec's schema does not list it.
 *
 * @param merchantSerialNumber the MSN (a JSON number or string, kept as a string)
 * @param orderId the order
 * @param transactionInfo what happened
 * @param userDetails the shared profile (scope), or {@code null}
 * @param errorInfo the error of a failed payment, or {@code null}
 * @author vipps-client
 */
public record RegularCheckOutPaymentRequest(String merchantSerialNumber, String orderId,
		CallbackTransactionInfo transactionInfo, UserDetails userDetails,
		CallbackErrorInfo errorInfo) implements TransactionUpdateCallback {

}
