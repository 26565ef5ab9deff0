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

import com.example.payments.vipps.client.AccessTokenCache.AccessToken;
import com.example.payments.vipps.client.AccessTokenCache.TokenKey;
import com.example.payments.vipps.client.error.VippsApiException;
import com.example.payments.vipps.client.error.VippsAuthenticationException;
import com.example.payments.vipps.client.error.VippsErrorDecoder;
import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsInternalException;
import com.example.payments.vipps.client.error.VippsValidationException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.CancelTransactionResponse;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
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
 * Netty, nothing blocks), one method per operation, every failure a
 * {@link VippsApiException}.
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
			.maxConnections(200)
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
	 * {@code POST /ecomm/v2/payments}. Not idempotent: after a timeout or 5xx it is not
	 * re-sent; check {@link #details} before initiating again (a repeated orderId gives
	 * Merchant/34).
	 * @param request the payment; its {@code merchantInfo.merchantSerialNumber} selects
	 * the credentials
	 * @return the order id and the landing page / deeplink url
	 */
	public Mono<PaymentInitiationResponse> initiate(InitiatePaymentRequest request) {
		return Mono.defer(() -> {
			this.validator.initiate(request);
			String msn = request.merchantInfo().merchantSerialNumber();
			return execute(new Call(VippsOperation.INITIATE, msn, request.transaction().orderId(), HttpMethod.POST,
					PAYMENTS_PATH, null, request), PaymentInitiationResponse.class);
		}).onErrorMap(VippsValidationException.class, this::recordValidationFailure);
	}

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/capture}. Only a successful result means
	 * the capture happened. Retried on transient failures with the same
	 * {@code X-Request-Id}, so it is applied at most once.
	 * @param orderId the order
	 * @param requestId the idempotency key ({@code X-Request-Id}, at most 40 characters):
	 * the same for every retry of one capture, new for each capture
	 * @param request the MSN, amount ({@code null} = everything left) and text
	 * @return the capture and the new totals
	 */
	public Mono<TransactionResponse> capture(String orderId, String requestId, PaymentActionsRequest request) {
		return Mono.defer(() -> {
			this.validator.action(VippsOperation.CAPTURE, orderId, requestId, request);
			return execute(
					new Call(VippsOperation.CAPTURE, request.merchantInfo().merchantSerialNumber(), orderId,
							HttpMethod.POST, PAYMENTS_PATH + "/" + orderId + "/capture", requestId, request),
					TransactionResponse.class);
		}).onErrorMap(VippsValidationException.class, this::recordValidationFailure);
	}

	/**
	 * {@code PUT /ecomm/v2/payments/{orderId}/cancel}. Not idempotent, so re-sent only
	 * when it provably did not reach Vipps (connect failure, 429).
	 * @param orderId the order
	 * @param request the MSN, text and whether to release what is left after partial
	 * captures
	 * @return the cancel and the new totals
	 */
	public Mono<CancelTransactionResponse> cancel(String orderId, CancelPaymentRequest request) {
		return Mono.defer(() -> {
			this.validator.cancel(orderId, request);
			return execute(
					new Call(VippsOperation.CANCEL, request.merchantInfo().merchantSerialNumber(), orderId,
							HttpMethod.PUT, PAYMENTS_PATH + "/" + orderId + "/cancel", null, request),
					CancelTransactionResponse.class);
		}).onErrorMap(VippsValidationException.class, this::recordValidationFailure);
	}

	/**
	 * {@code POST /ecomm/v2/payments/{orderId}/refund}. Retried on transient failures
	 * with the same {@code X-Request-Id}.
	 * @param orderId the order
	 * @param requestId the idempotency key, as for {@link #capture}
	 * @param request the MSN, amount ({@code null} = everything refundable) and text
	 * @return the refund (key {@code transaction}) and the new totals
	 */
	public Mono<RefundTransactionResponse> refund(String orderId, String requestId, PaymentActionsRequest request) {
		return Mono.defer(() -> {
			this.validator.action(VippsOperation.REFUND, orderId, requestId, request);
			return execute(
					new Call(VippsOperation.REFUND, request.merchantInfo().merchantSerialNumber(), orderId,
							HttpMethod.POST, PAYMENTS_PATH + "/" + orderId + "/refund", requestId, request),
					RefundTransactionResponse.class);
		}).onErrorMap(VippsValidationException.class, this::recordValidationFailure);
	}

	/**
	 * {@code GET /ecomm/v2/payments/{orderId}/details}: the whole history, the source of
	 * truth.
	 * @param msn the merchant serial number the order belongs to
	 * @param orderId the order
	 * @return the details
	 */
	public Mono<PaymentDetails> details(String msn, String orderId) {
		return Mono.defer(() -> {
			this.validator.details(msn, orderId);
			return execute(new Call(VippsOperation.DETAILS, msn, orderId, HttpMethod.GET,
					PAYMENTS_PATH + "/" + orderId + "/details", null, null), PaymentDetails.class);
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
		String msn = (failure.msn() != null && VippsRequestValidator.MSN.matcher(failure.msn()).matches())
				? failure.msn() : "invalid";
		this.metrics.failure(failure.operation(), msn, failure, Duration.ZERO);
		return failure;
	}

	private <T> Mono<T> execute(Call call, Class<T> responseType) {
		VippsCredentials credentials = this.config.credentialsFor(call.msn());
		if (credentials == null) {
			throw new VippsValidationException(new VippsFailure(call.operation(), call.msn(), call.orderId(), 0, null,
					"merchantSerialNumber", "no credentials configured for this MSN, and no partner keys", null, null));
		}
		byte[] body = (call.body() != null) ? this.jsonMapper.writeValueAsBytes(call.body()) : null;
		TokenKey key = new TokenKey(credentials, call.msn());
		Mono<byte[]> authorized = this.tokens.token(key)
			.flatMap((token) -> exchange(call, credentials, token, body)
				.onErrorResume((error) -> isRejectedToken(call, error), (error) -> {
					// The gateway refused the token (expired early, revoked): such a
					// request was
					// not processed, so one re-send with a fresh token is safe for every
					// operation.
					this.tokens.invalidate(key, token);
					return this.tokens.token(key).flatMap((fresh) -> exchange(call, credentials, fresh, body));
				}));
		return withRetries(call, authorized).map((bytes) -> read(call, bytes, responseType));
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

	private Mono<byte[]> exchange(Call call, VippsCredentials credentials, AccessToken token, byte[] body) {
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
		}, EMPTY).map((bytes) -> {
			AccessTokenResponse response = read(new Call(VippsOperation.ACCESS_TOKEN, key.msn(), null, HttpMethod.POST,
					ACCESS_TOKEN_PATH, null, null), bytes, AccessTokenResponse.class);
			if (response.accessToken() == null || response.accessToken().isBlank() || response.expiresIn() <= 0) {
				throw new VippsInternalException(new VippsFailure(VippsOperation.ACCESS_TOKEN, key.msn(), null, 200,
						null, null, "access token response without access_token or expires_in", null, null), false);
			}
			// Timed from when we asked, so the token is never believed to live longer
			// than it does.
			return new AccessToken(response.accessToken(), requestedAt, requestedAt.plusSeconds(response.expiresIn()));
		});
	}

	private Mono<byte[]> send(VippsOperation operation, String msn, String orderId, HttpMethod method, String path,
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
						return Mono.just(raw.body());
					}
					return Mono.error(this.errorDecoder.decode(operation, msn, orderId, raw.status(), raw.retryAfter(),
							raw.body()));
				})
				.doOnError(VippsApiException.class, (failure) -> this.metrics.failure(operation, msn, failure,
						Duration.ofNanos(System.nanoTime() - startNanos)));
		});
	}

	private <T> T read(Call call, byte[] bytes, Class<T> type) {
		try {
			return this.jsonMapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new VippsInternalException(new VippsFailure(call.operation(), call.msn(), call.orderId(), 200, null,
					null, "unreadable " + type.getSimpleName() + " from Vipps: " + ex.getOriginalMessage(), null, null),
					false);
		}
	}

	private record Call(VippsOperation operation, String msn, String orderId, HttpMethod method, String path,
			String requestId, Object body) {

	}

	private record RawResponse(int status, String retryAfter, byte[] body) {

	}

}
