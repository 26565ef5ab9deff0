package com.example.payments.vipps.client.callback;

/**
 * {@code errorInfo} of a callback for a failed payment (the spec's {@code Error}).
 *
 * @param errorGroup e.g. {@code Payment}
 * @param errorCode a string, e.g. {@code 42}; read it with the group
 * @param errorMessage Vipps' message
 * @param contextId Vipps' id for support, or {@code null}
 * @author vipps-client
 */
public record CallbackErrorInfo(String errorGroup, String errorCode, String errorMessage, String contextId) {

}
