/**
 * What Vipps sends to our callback endpoint ({@code POST
 * {callbackPrefix}/v2/payments/{orderId}}): the two bodies of the spec's
 * {@code TransactionUpdateCallbackOneOf}, read with the guide's tolerances, and
 * {@link com.example.payments.vipps.client.callback.TransactionUpdateCallback#parse(byte[])}
 * to read them with the client's JSON mapping.
 */
package com.example.payments.vipps.client.callback;
