package com.example.payments.vipps.client.error;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.example.payments.vipps.client.VippsOperation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a failed Vipps call into one {@link VippsApiException}, the way stripe-java's
 * {@code createStripeException} does: the HTTP status first, then the body. Vipps answers
 * in three shapes, all handled:
 * <ol>
 * <li>a JSON array of {@code {errorGroup, errorCode, errorMessage, contextId}} (its own
 * code);</li>
 * <li>Azure {@code {responseInfo: {responseCode, responseMessage}, result:
 * {message}}};</li>
 * <li>API Management {@code {statusCode, message}};</li>
 * </ol>
 * and anything else (no body, HTML, invalid JSON) is classified by status alone. What the
 * failure means is decided by {@link VippsErrorClassification}; the exception kind
 * follows its category.
 *
 * @author vipps-client
 */
public final class VippsErrorDecoder {

	private static final int MAX_RAW_MESSAGE = 200;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	public VippsErrorDecoder(JsonMapper jsonMapper, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/**
	 * Decode an HTTP error response.
	 * @param operation the operation called
	 * @param msn the MSN the call was made for
	 * @param orderId the order id, may be {@code null}
	 * @param status the HTTP status (not 2xx)
	 * @param retryAfterHeader the {@code Retry-After} header, may be {@code null}
	 * @param body the raw body, may be empty
	 * @return the exception to signal
	 */
	public VippsApiException decode(VippsOperation operation, String msn, String orderId, int status,
			String retryAfterHeader, byte[] body) {
		Parsed parsed = parse(body, status);
		VippsFailure failure = new VippsFailure(operation, msn, orderId, status, parsed.group(), parsed.code(),
				parsed.message(), parsed.contextId(), parsed.errors());
		VippsErrorClassification classification = VippsErrorClassification.of(operation, status, parsed.group(),
				parsed.code(), parseRetryAfter(retryAfterHeader));
		return switch (classification.category()) {
			case RATE_LIMITED -> new VippsRateLimitedException(failure, classification);
			case AUTHENTICATION -> new VippsAuthenticationException(failure, classification);
			case PAYMENT -> new VippsPaymentException(failure, classification);
			case MERCHANT -> new VippsMerchantException(failure, classification);
			case USER -> new VippsUserException(failure, classification);
			case VALIDATION -> new VippsInvalidRequestException(failure, classification);
			case VIPPS_INTERNAL, TRANSPORT -> new VippsInternalException(failure, classification);
		};
	}

	/**
	 * The failure of a 2xx answer to a read whose body cannot be read: nothing to retry,
	 * a person must look at what Vipps sent.
	 * @param operation the read
	 * @param msn the MSN
	 * @param orderId the order id, may be {@code null}
	 * @param status the 2xx status
	 * @param problem what could not be read
	 * @return the exception to signal
	 */
	public VippsInternalException unreadable(VippsOperation operation, String msn, String orderId, int status,
			String problem) {
		return new VippsInternalException(
				new VippsFailure(operation, msn, orderId, status, null, null, problem, null, null),
				VippsErrorClassification.needsAPerson(VippsErrorCategory.VIPPS_INTERNAL));
	}

	/**
	 * Decode a failure to get any HTTP response at all.
	 * @param operation the operation called
	 * @param msn the MSN the call was made for
	 * @param orderId the order id, may be {@code null}
	 * @param error the error from the HTTP stack
	 * @return the exception to signal
	 */
	public VippsTransportException transport(VippsOperation operation, String msn, String orderId, Throwable error) {
		boolean notConnected = hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)
				|| hasCause(error, NoRouteToHostException.class);
		boolean timeout = hasCause(error, TimeoutException.class)
				|| hasCause(error, io.netty.handler.timeout.TimeoutException.class)
				|| hasCause(error, io.netty.channel.ConnectTimeoutException.class);
		String message = notConnected ? "could not connect to Vipps (request not sent)"
				: timeout ? "no response from Vipps within the read timeout (request may have been processed)"
						: "connection to Vipps failed (request may have been processed)";
		VippsFailure failure = new VippsFailure(operation, msn, orderId, 0, null, null,
				message + ": " + rootMessage(error), null, List.of());
		return new VippsTransportException(failure, !notConnected, timeout, error);
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				return false;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? " " + root.getMessage() : "");
	}

	private Parsed parse(byte[] body, int status) {
		if (body == null || body.length == 0) {
			return Parsed.statusOnly("HTTP " + status + " without a body");
		}
		JsonNode json;
		try {
			json = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return Parsed.statusOnly("HTTP " + status + " with a non-JSON body: " + abbreviate(body));
		}
		if (json == null) {
			return Parsed.statusOnly("HTTP " + status + " without a body");
		}
		if (json.isArray() && !json.isEmpty()) {
			List<VippsFailure.VippsError> errors = new ArrayList<>();
			for (JsonNode element : json) {
				errors.add(new VippsFailure.VippsError(text(element, "errorGroup"), text(element, "errorCode"),
						text(element, "errorMessage"), text(element, "contextId")));
			}
			VippsFailure.VippsError first = errors.get(0);
			return new Parsed(first.errorGroup(), first.errorCode(), first.errorMessage(), first.contextId(), errors);
		}
		if (json.isObject() && json.has("responseInfo")) {
			String message = text(json.path("result"), "message");
			if (message == null) {
				message = text(json.path("responseInfo"), "responseMessage");
			}
			return Parsed.statusOnly(message);
		}
		if (json.isObject() && json.has("message")) {
			return Parsed.statusOnly(text(json, "message"));
		}
		return Parsed.statusOnly("HTTP " + status + " with an unrecognised body: " + abbreviate(body));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		return value.asString();
	}

	private static String abbreviate(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return (text.length() > MAX_RAW_MESSAGE) ? text.substring(0, MAX_RAW_MESSAGE) + "..." : text;
	}

	/**
	 * Parse {@code Retry-After}: delta-seconds or an HTTP date.
	 * @param header the header value
	 * @return the wait, or {@code null} when absent or unparseable
	 */
	Duration parseRetryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(this.clock.instant(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private record Parsed(String group, String code, String message, String contextId,
			List<VippsFailure.VippsError> errors) {

		static Parsed statusOnly(String message) {
			return new Parsed(null, null, message, null, List.of());
		}

	}

}
