package com.example.payments.vipps.client.error;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import com.example.payments.vipps.client.VippsOperation;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VippsErrorDecoder}: the error decoding table.
 *
 * @author vipps-client
 */
class VippsErrorDecoderTests {

	private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

	private final VippsErrorDecoder decoder = new VippsErrorDecoder(JsonMapper.builder().build(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@ParameterizedTest(name = "HTTP {0} {1}/{2} -> {3}, {4}, {5}")
	@CsvSource({ "400, InvalidRequest, transaction.amount, VippsInvalidRequestException, NOT_APPLIED, FIX_REQUEST",
			"400, Merchant, 34, VippsMerchantException, NOT_APPLIED, READ_DETAILS_FIRST",
			"404, Merchant, 35, VippsMerchantException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"403, Merchant, 37, VippsMerchantException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"403, Merchant, 97, VippsMerchantException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"403, Merchant, 51, VippsMerchantException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"400, Payment, 51, VippsPaymentException, NOT_APPLIED, GIVE_UP",
			"400, Payment, 61, VippsPaymentException, NOT_APPLIED, FIX_REQUEST",
			"400, Payment, 71, VippsPaymentException, NOT_APPLIED, FIX_REQUEST",
			"400, Payment, 93, VippsPaymentException, NOT_APPLIED, FIX_REQUEST",
			"400, Payment, 98, VippsPaymentException, NOT_APPLIED, GIVE_UP",
			"400, User, 81, VippsUserException, NOT_APPLIED, GIVE_UP",
			"401, Authentication, 21, VippsAuthenticationException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"400, VippsError, 91, VippsInternalException, NOT_APPLIED, GIVE_UP",
			"400, VippsError, 93, VippsInternalException, NOT_APPLIED, FIX_REQUEST",
			"409, VippsError, 94, VippsInternalException, NOT_APPLIED, RETRY_SAME_KEY",
			"400, VippsError, 98, VippsRateLimitedException, NOT_APPLIED, WAIT_THEN_RETRY",
			"429, VippsError, 98, VippsRateLimitedException, NOT_APPLIED, WAIT_THEN_RETRY",
			"500, VippsError, 99, VippsInternalException, UNKNOWN, READ_DETAILS_FIRST",
			"503, VippsError, 99, VippsInternalException, UNKNOWN, READ_DETAILS_FIRST",
			"500, Payment, 63, VippsPaymentException, UNKNOWN, READ_DETAILS_FIRST",
			"400, Payment, 63, VippsPaymentException, UNKNOWN, READ_DETAILS_FIRST" })
	void classifiesVippsErrorArraysByGroupAndCode(int status, String group, String code, String kind, String outcome,
			VippsNextStep nextStep) {
		String body = "[{\"errorGroup\":\"" + group + "\",\"errorCode\":\"" + code
				+ "\",\"errorMessage\":\"details\",\"contextId\":\"ctx-1\"}]";
		VippsApiException exception = decode(status, null, body);
		assertThat(exception.getClass().getSimpleName()).isEqualTo(kind);
		assertThat(exception.classification().mayHaveBeenApplied()).isEqualTo("UNKNOWN".equals(outcome));
		assertThat(exception.classification().nextStep()).isEqualTo(nextStep);
		assertThat(exception.errorGroup()).isEqualTo(group);
		assertThat(exception.errorCode()).isEqualTo(code);
		assertThat(exception.errorMessage()).isEqualTo("details");
		assertThat(exception.contextId()).isEqualTo("ctx-1");
		assertThat(exception.httpStatus()).isEqualTo(status);
		assertThat(exception.operation()).isEqualTo(VippsOperation.CAPTURE);
		assertThat(exception.msn()).isEqualTo("123456");
		assertThat(exception.orderId()).isEqualTo("order-1");
		assertThat(exception.is(group, code)).isTrue();
	}

	@Test
	void distinguishesTheSameCodeInDifferentGroups() {
		VippsApiException payment51 = decode(400, null, "[{\"errorGroup\":\"Payment\",\"errorCode\":\"51\"}]");
		VippsApiException merchant51 = decode(403, null, "[{\"errorGroup\":\"Merchant\",\"errorCode\":\"51\"}]");
		assertThat(payment51).isInstanceOf(VippsPaymentException.class);
		assertThat(merchant51).isInstanceOf(VippsMerchantException.class);
		assertThat(payment51.is("Merchant", "51")).isFalse();
		VippsApiException payment98 = decode(400, null, "[{\"errorGroup\":\"Payment\",\"errorCode\":\"98\"}]");
		assertThat(payment98.classification().nextStep()).as("capture after 180 days is final")
			.isEqualTo(VippsNextStep.GIVE_UP);
		assertThat(payment98.retryAfter()).isEmpty();
	}

	@Test
	void keepsEveryErrorOfAnArray() {
		VippsApiException exception = decode(400, null,
				"[{\"errorGroup\":\"InvalidRequest\",\"errorCode\":\"orderId\",\"errorMessage\":\"bad\"},"
						+ "{\"errorGroup\":\"InvalidRequest\",\"errorCode\":\"amount\",\"errorMessage\":\"low\"}]");
		assertThat(exception.errors()).extracting(VippsFailure.VippsError::errorCode)
			.containsExactly("orderId", "amount");
		assertThat(exception.getMessage()).contains("InvalidRequest/orderId", "bad", "msn=123456", "orderId=order-1");
	}

	@Test
	void decodesAzureErrors() {
		VippsApiException exception = decode(401, null,
				"{\"responseInfo\":{\"responseCode\":401,\"responseMessage\":\"Unauthorized\"},"
						+ "\"result\":{\"message\":\"Token expired\"}}");
		assertThat(exception).isInstanceOf(VippsAuthenticationException.class);
		assertThat(exception.errorGroup()).isNull();
		assertThat(exception.errorMessage()).isEqualTo("Token expired");
		assertThat(exception.classification().personMustAct()).isTrue();
	}

	@Test
	void decodesApiManagementErrors() {
		VippsApiException unauthorized = decode(401, null,
				"{\"statusCode\":401,\"message\":\"Access denied due to invalid subscription key.\"}");
		assertThat(unauthorized).isInstanceOf(VippsAuthenticationException.class);
		assertThat(unauthorized.errorMessage()).startsWith("Access denied");
		VippsApiException invalidMsn = decode(403, null,
				"{\"statusCode\":403,\"message\":\"Invalid MSN: 999999. This MSN is not valid for the provided supermerchant id.\"}");
		assertThat(invalidMsn).isInstanceOf(VippsAuthenticationException.class);
		assertThat(invalidMsn.classification().nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
		VippsApiException notAllowed = decode(403, null,
				"{\"statusCode\":403,\"message\":\"Merchant Not Allowed for Ecommerce Payment\"}");
		assertThat(notAllowed).isInstanceOf(VippsAuthenticationException.class);
		assertThat(notAllowed.classification().category()).isEqualTo(VippsErrorCategory.AUTHENTICATION);
	}

	@Test
	void decodesRateLimitsWithRetryAfterSeconds() {
		VippsApiException exception = decode(429, "7", "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}");
		assertThat(exception).isInstanceOf(VippsRateLimitedException.class);
		assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.WAIT_THEN_RETRY);
		assertThat(exception.retryAfter()).contains(Duration.ofSeconds(7));
	}

	@Test
	void decodesRetryAfterAsHttpDate() {
		VippsApiException exception = decode(429, "Sat, 10 Jan 2026 12:00:30 GMT", "");
		assertThat(exception.retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(decode(429, "soon", "").retryAfter()).as("unparseable: a whole window")
			.contains(VippsErrorClassification.RATE_LIMIT_WINDOW);
		assertThat(decode(429, null, "").retryAfter()).contains(VippsErrorClassification.RATE_LIMIT_WINDOW);
	}

	@ParameterizedTest(name = "HTTP {0} without a Vipps body -> {1}, {2}, {3}")
	@CsvSource({ "400, VippsInvalidRequestException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"404, VippsInvalidRequestException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"401, VippsAuthenticationException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"403, VippsAuthenticationException, NOT_APPLIED, GIVE_UP_TELL_PERSON",
			"409, VippsInternalException, NOT_APPLIED, RETRY_SAME_KEY",
			"500, VippsInternalException, UNKNOWN, READ_DETAILS_FIRST",
			"502, VippsInternalException, UNKNOWN, READ_DETAILS_FIRST",
			"503, VippsInternalException, UNKNOWN, READ_DETAILS_FIRST",
			"429, VippsRateLimitedException, NOT_APPLIED, WAIT_THEN_RETRY" })
	void classifiesByStatusWhenThereIsNoBody(int status, String kind, String outcome, VippsNextStep nextStep) {
		for (String body : new String[] { "", "<html>Bad gateway</html>", "{}", "[]", "null" }) {
			VippsApiException exception = decode(status, null, body);
			assertThat(exception.getClass().getSimpleName()).as(body).isEqualTo(kind);
			assertThat(exception.classification().mayHaveBeenApplied()).as(body).isEqualTo("UNKNOWN".equals(outcome));
			assertThat(exception.classification().nextStep()).as(body).isEqualTo(nextStep);
			assertThat(exception.errorGroup()).isNull();
			assertThat(exception.errorMessage()).isNotBlank();
		}
	}

	@Test
	void connectionRefusedMeansTheRequestWasNotSent() {
		VippsTransportException exception = this.decoder.transport(VippsOperation.INITIATE, "123456", "order-1",
				new WebClientRequestException(new ConnectException("Connection refused"), HttpMethod.POST,
						URI.create("http://127.0.0.1:1/"), new HttpHeaders()));
		assertThat(exception.requestSent()).isFalse();
		assertThat(exception.timeout()).isFalse();
		assertThat(exception.classification().mayHaveBeenApplied()).isFalse();
		assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.RETRY_SAME_KEY);
		assertThat(exception.kind()).isEqualTo("transport");
	}

	@Test
	void readTimeoutMeansTheRequestMayHaveBeenProcessed() {
		VippsTransportException netty = this.decoder.transport(VippsOperation.CAPTURE, "123456", "order-1",
				ReadTimeoutException.INSTANCE);
		VippsTransportException reactor = this.decoder.transport(VippsOperation.CAPTURE, "123456", "order-1",
				new TimeoutException("Did not observe any item"));
		for (VippsTransportException exception : new VippsTransportException[] { netty, reactor }) {
			assertThat(exception.requestSent()).isTrue();
			assertThat(exception.timeout()).isTrue();
			assertThat(exception.kind()).isEqualTo("timeout");
			assertThat(exception.classification().mayHaveBeenApplied()).isTrue();
			assertThat(exception.classification().nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		}
	}

	private VippsApiException decode(int status, String retryAfter, String body) {
		return this.decoder.decode(VippsOperation.CAPTURE, "123456", "order-1", status, retryAfter,
				body.getBytes(StandardCharsets.UTF_8));
	}

}
