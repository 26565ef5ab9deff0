/**
 * What Vipps sends to the merchant's endpoints and what the merchant answers: the
 * callback ({@code POST {callbackPrefix}/v2/payments/{orderId}}), the two bodies of the
 * spec's {@code TransactionUpdateCallbackOneOf} read with the guide's tolerances by
 * {@link com.example.payments.vipps.client.callback.TransactionUpdateCallback#parse(byte[])};
 * the shipping-details call ({@code POST
 * {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails},
 * {@link com.example.payments.vipps.client.callback.ShippingCostAndMethod} in,
 * {@link com.example.payments.vipps.client.callback.FetchShippingCostResponse} out); and
 * {@link com.example.payments.vipps.client.callback.CallbackAuthTokens}, the
 * {@code authToken} both calls carry.
 */
package com.example.payments.vipps.client.callback;
