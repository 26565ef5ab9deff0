package com.example.payments.vipps.client.callback;

import com.example.payments.vipps.client.model.UserDetails;

/**
 * The body of Vipps' transaction-update callback ({@code TransactionUpdateCallbackOneOf}
 * in the spec): {@link ExpressCheckOutPaymentRequest} when it carries
 * {@code shippingDetails}, {@link RegularCheckOutPaymentRequest} otherwise. Vipps sends
 * it once, never retries, and waits 3 seconds for the answer.
 *
 * @author vipps-client
 */
public sealed interface TransactionUpdateCallback permits RegularCheckOutPaymentRequest, ExpressCheckOutPaymentRequest {

	/**
	 * The sales unit, read from a JSON string or number (the guide's examples send a
	 * number).
	 * @return the MSN as a string
	 */
	String merchantSerialNumber();

	/**
	 * The order the callback is about.
	 * @return the order id
	 */
	String orderId();

	/**
	 * What happened.
	 * @return the status, amount, Vipps' time and (optional) transaction id
	 */
	CallbackTransactionInfo transactionInfo();

	/**
	 * The profile the user shared: express, or a regular payment with {@code scope}.
	 * @return the user's details, or {@code null}
	 */
	UserDetails userDetails();

	/**
	 * The error Vipps attached to a failed payment.
	 * @return the error, or {@code null}
	 */
	CallbackErrorInfo errorInfo();

	/**
	 * Read a callback body with the client's JSON mapping: unknown fields ignored, the
	 * MSN as string or number, {@code zipCode} or {@code postCode}, timestamps with or
	 * without an offset.
	 * @param body the raw request body
	 * @return the callback
	 * @throws InvalidCallbackException if the body is not JSON or lacks
	 * {@code merchantSerialNumber}, {@code orderId}, {@code transactionInfo.status} or
	 * {@code transactionInfo.amount}
	 */
	static TransactionUpdateCallback parse(byte[] body) {
		return CallbackReader.read(body);
	}

}
