package com.example.payments.vipps.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import com.example.payments.vipps.client.AccessTokenCache.AccessToken;
import com.example.payments.vipps.client.AccessTokenCache.TokenKey;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsAuthenticationException;
import com.example.payments.vipps.client.error.VippsErrorCategory;
import com.example.payments.vipps.client.error.VippsErrorClassification;
import com.example.payments.vipps.client.error.VippsErrorDecoder;
import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsValidationException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.MerchantInfoPayment;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentDetails;
import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one client of the Vipps MobilePay eCom API v2: reactive (WebClient on Reactor
 * Netty, nothing blocks), one method per operation. The mutating calls (initiate,
 * capture, cancel, refund) answer a {@link VippsOutcome}: applied, not applied, or
 * unknown, never an error signal for anything Vipps or the network does; {@link #details}
 * signals a {@link VippsApiException} when it fails.
 * <p>
 * Per call it: validates the request ({@link VippsValidationException}, nothing sent);
 * picks the MSN's credentials (own keys, else partner keys); takes a cached access token
 * (one in-flight fetch per key set, refreshed before expiry); sends
 * {@code Authorization}, {@code Ocp-Apim-Subscription-Key},
 * {@code Merchant-Serial-Number} and the four {@code Vipps-System-*} headers, plus the
 * caller's {@code X-Request-Id} on capture and refund; on a 401 refreshes the token once
 * and re-sends; retries as {@link VippsRetryPolicy} allows; and records
 * {@code vipps.api.requests} / {@code vipps.api.errors}.
 * <p>
 * Thread-safe; create one per application and {@link #close()} it on shutdown.
 *
 * @author vipps-client
 */
public final class VippsClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(VippsClient.class);

	static final String ACCESS_TOKEN_PATH = "/accesstoken/get";

	static final String PAYMENTS_PATH = "/ecomm/v2/payments";

	private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	private static final byte[] EMPTY = new byte[0];

	private final VippsClientConfig config;

	private final ConnectionProvider connections;

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final VippsErrorDecoder errorDecoder;

	private final AppliedBodyReader appliedBodyReader;

	private final VippsRetryPolicy retryPolicy;

	private final VippsRequestValidator validator;

	private final VippsClientMetrics metrics;

	private final AccessTokenCache tokens;

	private final Clock clock;

	private final Scheduler retryScheduler = Schedulers.parallel();

	VippsClient(VippsClientConfig config, MeterRegistry meterRegistry, Clock clock, DoubleSupplier random) {
		this.config = config;
		this.clock = clock;
		this.connections = ConnectionProvider.builder("vipps-client")
			.maxConnections(config.maxConnections())
			.pendingAcquireTimeout(config.connectTimeout().plus(config.readTimeout()))
			// Idle keep-alive connections are dropped before a gateway would silently
			// close them.
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient httpClient = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
			.responseTimeout(config.readTimeout());
		this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
		this.jsonMapper = createJsonMapper();
		this.errorDecoder = new VippsErrorDecoder(this.jsonMapper, clock);
		this.appliedBodyReader = new AppliedBodyReader(this.jsonMapper);
		this.retryPolicy = new VippsRetryPolicy(config.retry(), random);
		this.validator = new VippsRequestValidator(config.allowInsecureLocalUrls());
		this.metrics = new VippsClientMetrics(meterRegistry);
		this.tokens = new AccessTokenCache(this::fetchToken, clock, config.tokenRefreshMargin());
	}

	/**
	 * Create a client.
	 * @param config the configuration
	 * @param meterRegistry where to record metrics (e.g. the service's Prometheus
	 * registry)
	 * @return the client
	 */
	public static VippsClient create(VippsClientConfig config, MeterRegistry meterRegistry) {
		return new VippsClient(config, meterRegistry, Clock.systemUTC(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * The JSON mapping the client uses for Vipps bodies (Jackson 3): unknown fields
	 * ignored, unknown enum values read as {@code UNKNOWN}, {@code null} fields not sent,
	 * timestamps read with or without an offset. Public so that what Vipps sends us
	 * (callbacks, {@code ...client.callback}) is read exactly like what it answers.
	 * @return a new mapper
	 */
	public static JsonMapper createJsonMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.addModule(new SimpleModule("vipps-lenient-time").addDeserializer(Instant.class,
					new LenientInstantDeserializer()))
			.build();
	}

	/**
	 * {@code POST /ecomm/v2/payments}. Not idempotent: sent again automatically only when
	 * it provably did not reach Vipps (connection not established, access token not
	 * obtained, throttled). An {@link VippsOutcome.Unknown unknown} outcome is resolved
	 * by reading {@link #details} (a repeated orderId gives Merchant/34).
	 * @param request the payment; its {@code merchantInfo.merchantSerialNumber} selects
	 * the credentials
	 * @return the outcome; when applied, the order id and the landing page / deeplink url
	 */
	public Mono<VippsOutcome<PaymentInitiationResponse>> initiate(InitiatePaymentRequest request) {
		String msn = (request != null && request.merchantInfo() != null) ? request.merchantInfo().merchantSerialNumber()
				: null;
		String orderId = (request != null && request.transaction() != null) ? request.transaction().orderId() : null;
		return outcome(VippsOperation.INITIATE, msn, orderId, PaymentInitiationResponse.class, () -> {
			this.validator.initiate(request);
			return new Call(VippsOperation.INITIATE, msn, orderId, HttpMethod.POST, PAYMENTS_PATH, null, request);
		});
	}

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/capture}. Sent again automatically with
	 * the same {@code X-Request-Id} on transient failures, so it is applied at most once;
	 * only {@link VippsOutcome.Applied applied} means the capture happened.
	 * @param orderId the order
	 * @param requestId the idempotency key ({@code X-Request-Id}, at most 40 characters):
	 * the same for every retry of one capture, new for each capture
	 * @param request the MSN, amount ({@code null} = everything left) and text
	 * @return the outcome; when applied, the capture and the new totals
	 */
	public Mono<VippsOutcome<TransactionResponse>> capture(String orderId, String requestId,
			PaymentActionsRequest request) {
		String msn = (request != null) ? msnOf(request.merchantInfo()) : null;
		return outcome(VippsOperation.CAPTURE, msn, orderId, TransactionResponse.class, () -> {
			this.validator.action(VippsOperation.CAPTURE, orderId, requestId, request);
			return new Call(VippsOperation.CAPTURE, msn, orderId, HttpMethod.POST,
					PAYMENTS_PATH + "/" + orderId + "/capture", requestId, request);
		});
	}

	/**
	 * {@code PUT /ecomm/v2/payments/{orderId}/cancel}. Not idempotent, so sent again
	 * automatically only when it provably did not reach Vipps.
	 * @param orderId the order
	 * @param request the MSN, text and whether to release what is left after partial
	 * captures
	 * @return the outcome; when applied, the cancel and the new totals
	 */
	public Mono<VippsOutcome<CancelTransactionResponse>> cancel(String orderId, CancelPaymentRequest request) {
		String msn = (request != null) ? msnOf(request.merchantInfo()) : null;
		return outcome(VippsOperation.CANCEL, msn, orderId, CancelTransactionResponse.class, () -> {
			this.validator.cancel(orderId, request);
			return new Call(VippsOperation.CANCEL, msn, orderId, HttpMethod.PUT,
					PAYMENTS_PATH + "/" + orderId + "/cancel", null, request);
		});
	}

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/refund}. Sent again automatically with the
	 * same {@code X-Request-Id} on transient failures.
	 * @param orderId the order
	 * @param requestId the idempotency key, as for {@link #capture}
	 * @param request the MSN, amount ({@code null} = everything refundable) and text
	 * @return the outcome; when applied, the refund (key {@code transaction}) and the new
	 * totals
	 */
	public Mono<VippsOutcome<RefundTransactionResponse>> refund(String orderId, String requestId,
			PaymentActionsRequest request) {
		String msn = (request != null) ? msnOf(request.merchantInfo()) : null;
		return outcome(VippsOperation.REFUND, msn, orderId, RefundTransactionResponse.class, () -> {
			this.validator.action(VippsOperation.REFUND, orderId, requestId, request);
			return new Call(VippsOperation.REFUND, msn, orderId, HttpMethod.POST,
					PAYMENTS_PATH + "/" + orderId + "/refund", requestId, request);
		});
	}

	/**
	 * {@code GET /ecomm/v2/payments/{orderId}/details}: the whole history, the source of
	 * truth. Read only, so it is repeated automatically on every transient failure.
	 * @param msn the merchant serial number the order belongs to
	 * @param orderId the order
	 * @return the details; a {@link VippsApiException} when they cannot be had (its
	 * {@link VippsApiException#classification() classification} says whether to try again
	 * later; Merchant/35 means the order does not exist for this MSN)
	 */
	public Mono<PaymentDetails> details(String msn, String orderId) {
		return Mono.defer(() -> {
			this.validator.details(msn, orderId);
			Call call = new Call(VippsOperation.DETAILS, msn, orderId, HttpMethod.GET,
					PAYMENTS_PATH + "/" + orderId + "/details", null, null);
			return execute(call).map((raw) -> read(call, raw, PaymentDetails.class));
		}).onErrorMap(VippsValidationException.class, this::recordValidationFailure);
	}

	/**
	 * Release the connection pool.
	 */
	@Override
	public void close() {
		this.connections.dispose();
	}

	/**
	 * The configuration in use (secrets masked in its {@code toString()}).
	 * @return the configuration
	 */
	public VippsClientConfig config() {
		return this.config;
	}

	private VippsValidationException recordValidationFailure(VippsValidationException failure) {
		this.metrics.failure(failure.operation(), VippsClientMetrics.msnTag(failure.msn()), failure, Duration.ZERO);
		return failure;
	}

	private <T> Mono<VippsOutcome<T>> outcome(VippsOperation operation, String msn, String orderId, Class<T> type,
			Supplier<Call> validated) {
		return Mono.defer(() -> {
			Call call = validated.get();
			return execute(call).map((raw) -> applied(call, raw, type));
		}).onErrorResume(VippsApiException.class, (error) -> {
			if (error instanceof VippsValidationException validation) {
				recordValidationFailure(validation);
			}
			return Mono.just(notConfirmed(operation, msn, orderId, error));
		}).doOnNext(this.metrics::outcome);
	}

	private <T> VippsOutcome<T> applied(Call call, RawResponse raw, Class<T> type) {
		AppliedBodyReader.Read<T> read = this.appliedBodyReader.read(raw.body(), type);
		if (read.problem() != null && logger.isWarnEnabled()) {
			logger.warn("Vipps applied " + call.operation().tag() + " [msn=" + call.msn() + ", orderId="
					+ call.orderId() + "] with HTTP " + raw.status() + ", but its answer could not be read completely: "
					+ read.problem());
		}
		return new VippsOutcome.Applied<>(call.operation(), call.msn(), call.orderId(), raw.status(), read.value(),
				read.raw(), read.problem());
	}

	private static <T> VippsOutcome<T> notConfirmed(VippsOperation operation, String msn, String orderId,
			VippsApiException error) {
		VippsErrorClassification classification = error.classification();
		if (classification.mayHaveBeenApplied()) {
			return new VippsOutcome.Unknown<>(operation, msn, orderId, error.failure(), classification);
		}
		return new VippsOutcome.NotApplied<>(operation, msn, orderId, error.failure(), classification);
	}

	private static String msnOf(MerchantInfoPayment merchantInfo) {
		return (merchantInfo != null) ? merchantInfo.merchantSerialNumber() : null;
	}

	private Mono<RawResponse> execute(Call call) {
		VippsCredentials credentials = this.config.credentialsFor(call.msn());
		if (credentials == null) {
			throw new VippsValidationException(
					new VippsFailure(call.operation(), call.msn(), call.orderId(), 0, null, "merchantSerialNumber",
							"no credentials configured for this MSN, and no partner keys", null, null),
					VippsErrorClassification.needsAPerson(VippsErrorCategory.VALIDATION));
		}
		byte[] body = (call.body() != null) ? this.jsonMapper.writeValueAsBytes(call.body()) : null;
		TokenKey key = new TokenKey(credentials, call.msn());
		Mono<RawResponse> authorized = this.tokens.token(key)
			.flatMap((token) -> exchange(call, credentials, token, body)
				.onErrorResume((error) -> isRejectedToken(call, error), (error) -> {
					// The gateway refused the token (expired early, revoked): such a
					// request was not processed, so one re-send with a fresh token is
					// safe for every operation.
					this.tokens.invalidate(key, token);
					return this.tokens.token(key).flatMap((fresh) -> exchange(call, credentials, fresh, body));
				}));
		return withRetries(call, authorized);
	}

	private static boolean isRejectedToken(Call call, Throwable error) {
		return error instanceof VippsAuthenticationException authentication && authentication.httpStatus() == 401
				&& authentication.operation() == call.operation();
	}

	private <T> Mono<T> withRetries(Call call, Mono<T> attempt) {
		return Mono.defer(() -> {
			Instant start = this.clock.instant();
			return attempt.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				int attemptsMade = (int) signal.totalRetries() + 1;
				Duration elapsed = Duration.between(start, this.clock.instant());
				Optional<Duration> delay = this.retryPolicy.nextDelay(call.operation(), failure, attemptsMade, elapsed);
				if (delay.isEmpty()) {
					return Mono.error(failure);
				}
				if (logger.isInfoEnabled()) {
					logger.info("Retrying Vipps " + call.operation().tag() + " [msn=" + call.msn() + ", orderId="
							+ call.orderId() + "] in " + delay.get().toMillis() + " ms after attempt " + attemptsMade
							+ ": " + failure.getMessage());
				}
				return Mono.delay(delay.get(), this.retryScheduler);
			})));
		});
	}

	private Mono<RawResponse> exchange(Call call, VippsCredentials credentials, AccessToken token, byte[] body) {
		return send(call.operation(), call.msn(), call.orderId(), call.method(), call.path(), (headers) -> {
			headers.setBearerAuth(token.value());
			headers.set(VippsHeaders.SUBSCRIPTION_KEY, credentials.subscriptionKey());
			if (call.requestId() != null) {
				headers.set(VippsHeaders.REQUEST_ID, call.requestId());
			}
		}, body);
	}

	private Mono<AccessToken> fetchToken(TokenKey key) {
		Instant requestedAt = this.clock.instant();
		return send(VippsOperation.ACCESS_TOKEN, key.msn(), null, HttpMethod.POST, ACCESS_TOKEN_PATH, (headers) -> {
			headers.set(VippsHeaders.CLIENT_ID, key.credentials().clientId());
			headers.set(VippsHeaders.CLIENT_SECRET, key.credentials().clientSecret());
			headers.set(VippsHeaders.SUBSCRIPTION_KEY, key.credentials().subscriptionKey());
		}, EMPTY).map((raw) -> {
			AccessTokenResponse response = read(new Call(VippsOperation.ACCESS_TOKEN, key.msn(), null, HttpMethod.POST,
					ACCESS_TOKEN_PATH, null, null), raw, AccessTokenResponse.class);
			if (response.accessToken() == null || response.accessToken().isBlank() || response.expiresIn() <= 0) {
				throw this.errorDecoder.unreadable(VippsOperation.ACCESS_TOKEN, key.msn(), null, raw.status(),
						"access token response without access_token or expires_in");
			}
			// Timed from when we asked, so the token is never believed to live longer
			// than it does.
			return new AccessToken(response.accessToken(), requestedAt, requestedAt.plusSeconds(response.expiresIn()));
		});
	}

	private Mono<RawResponse> send(VippsOperation operation, String msn, String orderId, HttpMethod method, String path,
			Consumer<HttpHeaders> credentials, byte[] body) {
		return Mono.defer(() -> {
			long startNanos = System.nanoTime();
			WebClient.RequestBodySpec request = this.webClient.method(method)
				.uri(URI.create(this.config.baseUrl().toString().replaceAll("/+$", "") + path))
				.headers((headers) -> {
					headers.setAccept(List.of(MediaType.APPLICATION_JSON));
					headers.set(VippsHeaders.MERCHANT_SERIAL_NUMBER, msn);
					headers.set(VippsHeaders.SYSTEM_NAME, this.config.system().name());
					headers.set(VippsHeaders.SYSTEM_VERSION, this.config.system().version());
					headers.set(VippsHeaders.SYSTEM_PLUGIN_NAME, this.config.system().pluginName());
					headers.set(VippsHeaders.SYSTEM_PLUGIN_VERSION, this.config.system().pluginVersion());
					credentials.accept(headers);
				});
			WebClient.RequestHeadersSpec<?> withBody = request;
			if (body != null && body.length > 0) {
				withBody = request.contentType(JSON_UTF8).bodyValue(body);
			}
			else if (body != null) {
				withBody = request.header(HttpHeaders.CONTENT_LENGTH, "0");
			}
			return withBody
				.exchangeToMono((response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(EMPTY)
					.map((bytes) -> new RawResponse(response.statusCode().value(),
							response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), bytes)))
				.onErrorMap((error) -> !(error instanceof VippsApiException),
						(error) -> this.errorDecoder.transport(operation, msn, orderId, error))
				.flatMap((raw) -> {
					if (raw.status() >= 200 && raw.status() < 300) {
						this.metrics.success(operation, msn, raw.status(),
								Duration.ofNanos(System.nanoTime() - startNanos));
						return Mono.just(raw);
					}
					return Mono.error(this.errorDecoder.decode(operation, msn, orderId, raw.status(), raw.retryAfter(),
							raw.body()));
				})
				.doOnError(VippsApiException.class, (failure) -> this.metrics.failure(operation, msn, failure,
						Duration.ofNanos(System.nanoTime() - startNanos)));
		});
	}

	// The answer of a read (details, token) is read completely or not at all: unlike an
	// applied change, a read whose answer cannot be read has no value.
	private <T> T read(Call call, RawResponse raw, Class<T> type) {
		T value;
		try {
			value = this.jsonMapper.readValue(raw.body(), type);
		}
		catch (JacksonException ex) {
			throw this.errorDecoder.unreadable(call.operation(), call.msn(), call.orderId(), raw.status(),
					"unreadable " + type.getSimpleName() + " from Vipps: " + ex.getOriginalMessage());
		}
		if (value == null) {
			throw this.errorDecoder.unreadable(call.operation(), call.msn(), call.orderId(), raw.status(),
					"no " + type.getSimpleName() + " in Vipps' answer");
		}
		return value;
	}

	private record Call(VippsOperation operation, String msn, String orderId, HttpMethod method, String path,
			String requestId, Object body) {

	}

	private record RawResponse(int status, String retryAfter, byte[] body) {

	}

}
