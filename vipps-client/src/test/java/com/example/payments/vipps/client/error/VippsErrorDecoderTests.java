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

	@ParameterizedTest(name = "HTTP {0} {1}/{2} -> {3}, retryable={4}")
	@CsvSource({
			// Final client errors
			"400, InvalidRequest, transaction.amount, VippsInvalidRequestException, false",
			"400, Merchant, 34, VippsMerchantException, false", "404, Merchant, 35, VippsMerchantException, false",
			"403, Merchant, 37, VippsMerchantException, false", "403, Merchant, 97, VippsMerchantException, false",
			"403, Merchant, 51, VippsMerchantException, false", "400, Payment, 51, VippsPaymentException, false",
			"400, Payment, 61, VippsPaymentException, false", "400, Payment, 71, VippsPaymentException, false",
			"400, Payment, 93, VippsPaymentException, false", "400, Payment, 98, VippsPaymentException, false",
			"400, User, 81, VippsUserException, false", "401, Authentication, 21, VippsAuthenticationException, false",
			"400, VippsError, 91, VippsInternalException, false", "400, VippsError, 93, VippsInternalException, false",
			// Transient
			"500, VippsError, 99, VippsInternalException, true", "503, VippsError, 99, VippsInternalException, true",
			"409, VippsError, 94, VippsInternalException, true", "400, VippsError, 98, VippsRateLimitedException, true",
			"429, VippsError, 98, VippsRateLimitedException, true", "500, Payment, 63, VippsPaymentException, true" })
	void classifiesVippsErrorArraysByGroupAndCode(int status, String group, String code, String kind,
			boolean retryable) {
		String body = "[{\"errorGroup\":\"" + group + "\",\"errorCode\":\"" + code
				+ "\",\"errorMessage\":\"details\",\"contextId\":\"ctx-1\"}]";
		VippsApiException exception = decode(status, null, body);
		assertThat(exception.getClass().getSimpleName()).isEqualTo(kind);
		assertThat(exception.retryable()).isEqualTo(retryable);
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
		assertThat(payment98.retryable()).as("capture after 180 days is final").isFalse();
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
		assertThat(exception.retryable()).isFalse();
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
		assertThat(invalidMsn.retryable()).isFalse();
		VippsApiException notAllowed = decode(403, null,
				"{\"statusCode\":403,\"message\":\"Merchant Not Allowed for Ecommerce Payment\"}");
		assertThat(notAllowed).isInstanceOf(VippsAuthenticationException.class);
		assertThat(notAllowed.retryable()).isFalse();
	}

	@Test
	void decodesRateLimitsWithRetryAfterSeconds() {
		VippsApiException exception = decode(429, "7", "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}");
		assertThat(exception).isInstanceOf(VippsRateLimitedException.class);
		assertThat(exception.retryable()).isTrue();
		assertThat(exception.retryAfter()).contains(Duration.ofSeconds(7));
	}

	@Test
	void decodesRetryAfterAsHttpDate() {
		VippsApiException exception = decode(429, "Sat, 10 Jan 2026 12:00:30 GMT", "");
		assertThat(exception.retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(decode(429, "soon", "").retryAfter()).isEmpty();
		assertThat(decode(429, null, "").retryAfter()).isEmpty();
	}

	@ParameterizedTest(name = "HTTP {0} without a Vipps body -> {1}, retryable={2}")
	@CsvSource({ "400, VippsInvalidRequestException, false", "404, VippsInvalidRequestException, false",
			"401, VippsAuthenticationException, false", "403, VippsAuthenticationException, false",
			"500, VippsInternalException, true", "502, VippsInternalException, true",
			"503, VippsInternalException, true", "429, VippsRateLimitedException, true" })
	void classifiesByStatusWhenThereIsNoBody(int status, String kind, boolean retryable) {
		for (String body : new String[] { "", "<html>Bad gateway</html>", "{}", "[]", "null" }) {
			VippsApiException exception = decode(status, null, body);
			assertThat(exception.getClass().getSimpleName()).as(body).isEqualTo(kind);
			assertThat(exception.retryable()).as(body).isEqualTo(retryable);
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
		assertThat(exception.retryable()).isTrue();
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
		}
	}

	private VippsApiException decode(int status, String retryAfter, String body) {
		return this.decoder.decode(VippsOperation.CAPTURE, "123456", "order-1", status, retryAfter,
				body.getBytes(StandardCharsets.UTF_8));
	}

}
