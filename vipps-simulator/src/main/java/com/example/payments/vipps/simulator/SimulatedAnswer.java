package com.example.payments.vipps.simulator;

import java.time.Duration;

/**
 * An answer the simulator gives instead of its own, for fault injection (see
 * {@link SimulatorFaults#answerNext} and {@link SimulatorFaults#applyThenAnswerNext}):
 * any HTTP status, Vipps error group and code, with or without {@code Retry-After}, in
 * any of the body shapes Vipps (or a gateway in front of it) uses.
 *
 * @param httpStatus the status
 * @param errorGroup the Vipps error group, or {@code null} (gateway errors, bodies
 * without one)
 * @param errorCode the Vipps error code, or {@code null}
 * @param errorMessage the message in the body
 * @param retryAfter the {@code Retry-After} to send, or {@code null} for none
 * @param body the shape of the body
 */
public record SimulatedAnswer(int httpStatus, String errorGroup, String errorCode, String errorMessage,
		Duration retryAfter, BodyShape body) {

	public SimulatedAnswer {
		if (httpStatus < 200 || httpStatus > 599) {
			throw new IllegalArgumentException("httpStatus must be 200..599, was " + httpStatus);
		}
		if (body == null) {
			throw new IllegalArgumentException("body shape is required");
		}
		boolean success = httpStatus < 300;
		if (success && !body.forSuccess) {
			throw new IllegalArgumentException("a 2xx answer is EMPTY, HTML or ODD_TIMESTAMPS (a broken success), was "
					+ body + ": a 2xx with an error body is no Vipps behaviour");
		}
		if (!success && !body.forError) {
			throw new IllegalArgumentException(body + " needs a 2xx status");
		}
		if (body == BodyShape.VIPPS_ERROR_ARRAY && (errorGroup == null || errorCode == null)) {
			throw new IllegalArgumentException("a Vipps error array needs errorGroup and errorCode");
		}
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative");
		}
		errorMessage = (errorMessage != null) ? errorMessage : defaultMessage(httpStatus, errorGroup, errorCode);
	}

	/**
	 * A Vipps error: {@code [{errorGroup, errorCode, errorMessage, contextId}]}, no
	 * {@code Retry-After}.
	 * @param httpStatus the status (Vipps uses 400 for most, 403, 404, 409, 500)
	 * @param errorGroup {@code Payment}, {@code Merchant}, {@code VippsError}, ...
	 * @param errorCode the code, e.g. {@code "63"}
	 * @return the answer
	 */
	public static SimulatedAnswer error(int httpStatus, String errorGroup, String errorCode) {
		return new SimulatedAnswer(httpStatus, errorGroup, errorCode, null, null, BodyShape.VIPPS_ERROR_ARRAY);
	}

	/**
	 * What {@link SimulatorFaults#failNext} answers for a bare status: 5xx with
	 * VippsError 99, 429 in the gateway's {@code {statusCode, message}} shape with
	 * {@code Retry-After: 1}, any other status with VippsError 94 (order locked).
	 * @param httpStatus the status
	 * @return the answer
	 */
	public static SimulatedAnswer status(int httpStatus) {
		if (httpStatus == 429) {
			return new SimulatedAnswer(429, null, null, "Rate limit is exceeded. Try again in 1 seconds.",
					Duration.ofSeconds(1), BodyShape.APIM);
		}
		if (httpStatus >= 500) {
			return new SimulatedAnswer(httpStatus, "VippsError", "99", "An internal error occurred.", null,
					BodyShape.VIPPS_ERROR_ARRAY);
		}
		return new SimulatedAnswer(httpStatus, "VippsError", "94", "Order locked: processing in progress.", null,
				BodyShape.VIPPS_ERROR_ARRAY);
	}

	/**
	 * A 200 whose body cannot be read as Vipps' model: only meaningful after the call was
	 * applied ({@link SimulatorFaults#applyThenAnswerNext}).
	 * @param body {@link BodyShape#EMPTY}, {@link BodyShape#HTML} or
	 * {@link BodyShape#ODD_TIMESTAMPS}
	 * @return the answer
	 */
	public static SimulatedAnswer brokenSuccess(BodyShape body) {
		return new SimulatedAnswer(200, null, null, null, null, body);
	}

	/**
	 * The same answer with another message.
	 * @param message the message
	 * @return the answer
	 */
	public SimulatedAnswer withMessage(String message) {
		return new SimulatedAnswer(this.httpStatus, this.errorGroup, this.errorCode, message, this.retryAfter,
				this.body);
	}

	/**
	 * The same answer with a {@code Retry-After} header (whole seconds, rounded up), or
	 * none when {@code null}.
	 * @param retryAfter the wait to advertise
	 * @return the answer
	 */
	public SimulatedAnswer withRetryAfter(Duration retryAfter) {
		return new SimulatedAnswer(this.httpStatus, this.errorGroup, this.errorCode, this.errorMessage, retryAfter,
				this.body);
	}

	/**
	 * The same answer in another body shape.
	 * @param body the shape
	 * @return the answer
	 */
	public SimulatedAnswer withBody(BodyShape body) {
		return new SimulatedAnswer(this.httpStatus, this.errorGroup, this.errorCode, this.errorMessage, this.retryAfter,
				body);
	}

	private static String defaultMessage(int httpStatus, String errorGroup, String errorCode) {
		return (errorGroup != null) ? "Injected " + errorGroup + " error " + errorCode + "."
				: "Injected HTTP " + httpStatus + ".";
	}

	/**
	 * How the body of an injected answer looks.
	 */
	public enum BodyShape {

		/**
		 * Vipps' own {@code [{errorGroup, errorCode, errorMessage, contextId}]}.
		 */
		VIPPS_ERROR_ARRAY(false, true),

		/**
		 * Azure's {@code {responseInfo: {responseCode, responseMessage}, result:
		 * {message}}}.
		 */
		AZURE(false, true),

		/**
		 * API Management's {@code {statusCode, message}}.
		 */
		APIM(false, true),

		/**
		 * No body and no content type.
		 */
		EMPTY(true, true),

		/**
		 * An HTML page instead of JSON ({@code text/html}), as a proxy or load balancer
		 * sends.
		 */
		HTML(true, true),

		/**
		 * The real 2xx body with every {@code timeStamp} in a non-ISO form
		 * ({@code 14.11.2018 15:22:46}); only after the call was applied.
		 */
		ODD_TIMESTAMPS(true, false);

		private final boolean forSuccess;

		private final boolean forError;

		BodyShape(boolean forSuccess, boolean forError) {
			this.forSuccess = forSuccess;
			this.forError = forError;
		}

	}

}
