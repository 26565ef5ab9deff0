package com.example.payments.registry;

/**
 * A request the registry answered, kept so tests can count registry calls or check the
 * credentials a client sent. Held in memory only and never logged.
 *
 * @param method the HTTP method
 * @param path the request path, without query
 * @param query the raw query string, or {@code null}
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param status the HTTP status answered
 */
public record RecordedRequest(String method, String path, String query, String authorization, int status) {
}
