/**
 * The client's one error model: the sealed {@link VippsApiException} hierarchy and the
 * decoder that turns Vipps' three error body shapes into it.
 */
package com.example.payments.vipps.client.error;
