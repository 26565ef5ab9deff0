/**
 * The client's one error model: the sealed {@link VippsApiException} hierarchy, what each
 * failure means ({@link VippsErrorClassification}: may it have been applied, its
 * {@link VippsErrorCategory}, the caller's {@link VippsNextStep}), and the decoder that
 * turns Vipps' three error body shapes into it.
 */
package com.example.payments.vipps.client.error;
