package com.example.payments.vipps.simulator.engine;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment.CallbackDelivery;
import com.example.payments.vipps.simulator.SimulatorFaults;
import com.example.payments.vipps.simulator.SimulatorProperties;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The calls Vipps makes to merchants: transaction-update callbacks (one attempt, 3 s, no
 * redirects), shipping details (10 s) and consent removal. Every call is recorded.
 */
public final class MerchantCalls {

	private static final Log logger = LogFactory.getLog(MerchantCalls.class);

	private static final String JSON_UTF8 = "application/json;charset=UTF-8";

	private final LoopResources loops;

	private final ConnectionProvider connections;

	private final HttpClient http;

	private final SimulatorProperties properties;

	private final SimulatorFaults faults;

	private final ExchangeRecorder recorder;

	private final SimulatorClock clock;

	private final ScheduledExecutorService scheduler;

	private final List<PendingCallback> held = new ArrayList<>();

	public MerchantCalls(SimulatorProperties properties, SimulatorFaults faults, ExchangeRecorder recorder,
			SimulatorClock clock, ScheduledExecutorService scheduler) {
		this.properties = properties;
		this.faults = faults;
		this.recorder = recorder;
		this.clock = clock;
		this.scheduler = scheduler;
		// Reactor Netty, like the server side: no thread per call. Its own event loop,
		// because shipping details and consent removal are waited for (join) by callers
		// that may run on the server's event loop. No redirects: Vipps does not follow
		// them. HTTP/1.1 by default.
		this.loops = LoopResources.create("vipps-sim-merchant", 1, true);
		this.connections = ConnectionProvider.builder("vipps-sim-merchant")
			.maxConnections(1000)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		this.http = HttpClient.create(this.connections)
			.runOn(this.loops)
			.followRedirect(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000);
	}

	/**
	 * Sends a callback once, applying the callback faults.
	 * @param payment the payment
	 * @param callbackStatus the status in the body
	 * @param body the body
	 */
	public void sendCallback(PaymentRecord payment, String callbackStatus, String body) {
		String url = payment.request().callbackPrefix() + "/v2/payments/" + payment.orderId();
		SimulatorFaults.Callbacks callbackFaults = this.faults.callbacks();
		if (callbackFaults.shouldDrop()) {
			payment.recordCallback(new CallbackDelivery(callbackStatus, url, this.clock.now(), -1, Duration.ZERO,
					"dropped by fault injection", "DROPPED"));
			return;
		}
		int copies = callbackFaults.duplicating() ? 2 : 1;
		Duration delay = callbackFaults.currentDelay();
		for (int i = 0; i < copies; i++) {
			String fault = (i > 0) ? "DUPLICATE" : (delay.isZero() ? null : "DELAYED");
			PendingCallback pending = new PendingCallback(payment, callbackStatus, body, url, fault);
			if (callbackFaults.reordering()) {
				hold(pending);
			}
			else if (delay.isZero()) {
				deliver(pending);
			}
			else {
				this.scheduler.schedule(() -> deliver(pending), delay.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private void hold(PendingCallback pending) {
		synchronized (this.held) {
			this.held.add(pending);
			if (this.held.size() >= 2) {
				List<PendingCallback> pair = new ArrayList<>(this.held);
				this.held.clear();
				// Newest first, and the older one only after the newer was answered, so
				// the pair really arrives out of order.
				PendingCallback newer = pair.get(1).withFault("REORDERED");
				PendingCallback older = pair.get(0).withFault("REORDERED");
				deliver(newer).whenComplete((ignored, failure) -> deliver(older));
				return;
			}
		}
		this.scheduler.schedule(this::flushHeld, 1, TimeUnit.SECONDS);
	}

	private void flushHeld() {
		List<PendingCallback> rest;
		synchronized (this.held) {
			rest = new ArrayList<>(this.held);
			this.held.clear();
		}
		rest.forEach(this::deliver);
	}

	private CompletableFuture<Void> deliver(PendingCallback pending) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", JSON_UTF8);
		String authToken = pending.payment().request().authToken();
		if (authToken != null) {
			headers.put("Authorization", authToken);
		}
		return send(Kind.CALLBACK, pending.payment().msn(), pending.payment().orderId(), "POST", pending.url(), headers,
				pending.body(), this.properties.callbackTimeout(), pending.fault(), Duration.ZERO)
			.thenAccept((outcome) -> pending.payment()
				.recordCallback(new CallbackDelivery(pending.callbackStatus(), pending.url(), outcome.at(),
						outcome.status(), outcome.latency(), outcome.error(), pending.fault())));
	}

	/**
	 * Asks the merchant for shipping options (blocking; call off the event loop).
	 * @param payment the payment
	 * @param address the user's address
	 * @return the options
	 * @throws IllegalStateException when the merchant fails, is slow or answers badly
	 */
	public List<ShippingOption> fetchShippingDetails(PaymentRecord payment, SimulatedAddress address) {
		String url = payment.request().shippingDetailsPrefix() + "/v2/payments/" + payment.orderId()
				+ "/shippingDetails";
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", JSON_UTF8);
		if (payment.request().authToken() != null) {
			headers.put("Authorization", payment.request().authToken());
		}
		Outcome outcome = send(Kind.SHIPPING_DETAILS, payment.msn(), payment.orderId(), "POST", url, headers,
				OptionalFields.render(this.properties, OptionalFields.Document.SHIPPING_REQUEST,
						VippsPayloads.shippingRequest(address)),
				this.properties.shippingDetailsTimeout(), null, this.faults.merchantEndpoints().currentLatency())
			.join();
		if (outcome.status() != 200) {
			String reason = (outcome.error() != null) ? outcome.error() : "HTTP " + outcome.status();
			throw new IllegalStateException("No shipping methods found: " + reason);
		}
		try {
			return VippsPayloads.shippingResponse(outcome.body(), payment.orderId(), address.addressId());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Payment failed: invalid shipping-details response: " + ex.getMessage());
		}
	}

	/**
	 * Tells the merchant a user withdrew consent (blocking).
	 * @param consentRemovalPrefix the prefix given at initiation
	 * @param msn the sales unit
	 * @param userId the Vipps user id (URL-encoded into the path)
	 * @return the merchant's status, or -1 when it did not answer
	 */
	public int removeConsent(String consentRemovalPrefix, String msn, String userId) {
		String url = consentRemovalPrefix + "/v2/consents/" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
		return send(Kind.CONSENT_REMOVAL, msn, null, "DELETE", url, Map.of(), "",
				this.properties.consentRemovalTimeout(), null, this.faults.merchantEndpoints().currentLatency())
			.join()
			.status();
	}

	private CompletableFuture<Outcome> send(Kind kind, String msn, String orderId, String method, String url,
			Map<String, String> headers, String body, Duration timeout, String fault, Duration merchantLatency) {
		long sequence = this.recorder.nextSequence();
		Instant at = this.clock.now();
		long started = System.nanoTime();
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
		headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
		int injectedStatus = (kind != Kind.CALLBACK) ? this.faults.merchantEndpoints().currentFailure() : 0;
		if (injectedStatus > 0) {
			Outcome outcome = new Outcome(at, injectedStatus, "", Duration.ZERO, null);
			this.recorder.record(new RecordedExchange(sequence, at, kind, msn, orderId, method, url, requestHeaders,
					body, injectedStatus, Map.of(), "", Duration.ZERO, null, "MERCHANT_FAILS_WITH_" + injectedStatus));
			return CompletableFuture.completedFuture(outcome);
		}
		if (!merchantLatency.isZero() && merchantLatency.compareTo(timeout) >= 0) {
			// The slow merchant would answer after the deadline: the simulator gives up.
			CompletableFuture<Outcome> future = new CompletableFuture<>();
			this.scheduler.schedule(() -> {
				Outcome outcome = new Outcome(at, -1, "", timeout, "timeout after " + timeout.toMillis() + " ms");
				this.recorder.record(new RecordedExchange(sequence, at, kind, msn, orderId, method, url, requestHeaders,
						body, -1, Map.of(), "", timeout, outcome.error(), "MERCHANT_LATENCY"));
				future.complete(outcome);
			}, timeout.toMillis(), TimeUnit.MILLISECONDS);
			return future;
		}
		URI uri;
		try {
			uri = URI.create(url);
			if (uri.getHost() == null
					|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
				throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
			}
		}
		catch (IllegalArgumentException ex) {
			Outcome outcome = new Outcome(at, -1, "", Duration.ZERO, "invalid URL: " + ex.getMessage());
			this.recorder.record(new RecordedExchange(sequence, at, kind, msn, orderId, method, url, requestHeaders,
					body, -1, Map.of(), "", Duration.ZERO, outcome.error(), fault));
			return CompletableFuture.completedFuture(outcome);
		}
		CompletableFuture<Void> wait = merchantLatency.isZero() ? CompletableFuture.completedFuture(null)
				: delayed(merchantLatency);
		String injected = (fault != null) ? fault : (merchantLatency.isZero() ? null : "MERCHANT_LATENCY");
		return wait.thenCompose((ignored) -> exchange(method, uri, headers, body, timeout.minus(merchantLatency)))
			.handle((response, failure) -> {
				Duration latency = Duration.ofNanos(System.nanoTime() - started);
				Outcome outcome;
				if (failure != null) {
					Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure;
					String error = (cause instanceof ReadTimeoutException || cause instanceof ConnectTimeoutException)
							? "timeout after " + timeout.toMillis() + " ms"
							: cause.getClass().getSimpleName() + ": " + cause.getMessage();
					outcome = new Outcome(at, -1, "", latency, error);
					this.recorder.record(new RecordedExchange(sequence, at, kind, msn, orderId, method, url,
							requestHeaders, body, -1, Map.of(), "", latency, error, injected));
				}
				else {
					outcome = new Outcome(at, response.status(), response.body(), latency, null);
					if (this.recorder.recording()) {
						this.recorder.record(new RecordedExchange(sequence, at, kind, msn, orderId, method, url,
								requestHeaders, body, response.status(), response.headers(), response.body(), latency,
								null, injected));
					}
				}
				if (outcome.status() < 200 || outcome.status() > 299) {
					logger.info("Merchant " + kind + " call for msn=" + msn + " orderId=" + orderId + " got "
							+ ((outcome.error() != null) ? outcome.error() : "HTTP " + outcome.status()));
				}
				return outcome;
			});
	}

	private CompletableFuture<Response> exchange(String method, URI uri, Map<String, String> headers, String body,
			Duration timeout) {
		// responseTimeout, not Mono.timeout: the latter describes its whole chain on
		// every subscription, which costs more than the rest of the call.
		HttpClient.RequestSender request = this.http.headers((all) -> headers.forEach(all::set))
			.responseTimeout(timeout)
			.request(HttpMethod.valueOf(method))
			.uri(uri);
		HttpClient.ResponseReceiver<?> sent = body.isEmpty() ? request
				: request.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))));
		return sent
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Response(response.status().code(), text, headersOf(response.responseHeaders()))))
			.toFuture();
	}

	private Map<String, List<String>> headersOf(io.netty.handler.codec.http.HttpHeaders headers) {
		if (!this.recorder.recording()) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>();
		for (String name : headers.names()) {
			copy.put(name, List.copyOf(headers.getAll(name)));
		}
		return copy;
	}

	private CompletableFuture<Void> delayed(Duration delay) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		this.scheduler.schedule(() -> future.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
		return future;
	}

	/**
	 * Closes the connections and the event loop.
	 */
	public void close() {
		this.connections.dispose();
		this.loops.dispose();
	}

	/**
	 * Stops holding callbacks (reset).
	 */
	public void clearHeld() {
		synchronized (this.held) {
			this.held.clear();
		}
	}

	private record PendingCallback(PaymentRecord payment, String callbackStatus, String body, String url,
			String fault) {

		PendingCallback withFault(String newFault) {
			return new PendingCallback(this.payment, this.callbackStatus, this.body, this.url, newFault);
		}

	}

	private record Outcome(Instant at, int status, String body, Duration latency, String error) {
	}

	private record Response(int status, String body, Map<String, List<String>> headers) {
	}

}
