package com.example.payments.ingest.shipping;

import java.util.List;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.shipping.domain.ShippingAddress;
import com.example.payments.ingest.shipping.domain.ShippingOption;
import com.example.payments.ingest.shipping.domain.ShippingQuoter;
import com.example.payments.ingest.shipping.domain.ShippingQuoter.Authentication;
import com.example.payments.ingest.web.Answers;
import com.example.payments.ingest.web.BodyTooLargeException;
import com.example.payments.ingest.web.EndpointPath;
import com.example.payments.ingest.web.IngestMetrics;
import com.example.payments.ingest.web.IngestMetrics.Endpoint;
import com.example.payments.ingest.web.RequestBodies;
import com.example.payments.vipps.client.callback.FetchShippingCostResponse;
import com.example.payments.vipps.client.callback.InvalidCallbackException;
import com.example.payments.vipps.client.callback.ShippingCostAndMethod;
import com.example.payments.vipps.client.model.NokAmounts;
import com.example.payments.vipps.client.model.ShippingDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails}: Vipps asks
 * for the shipping options of the address the user picked in an express checkout, and
 * waits 10 seconds; a slow or wrong answer fails the checkout ("No shipping methods
 * found"). Answered from memory ({@link ShippingQuoter}), in the same event-loop turn as
 * the body arrives: no I/O, nothing to wait for. Costs leave as NOK decimals, converted
 * exactly from øre ({@link NokAmounts}).
 */
public final class ShippingDetailsHandler {

	private static final Logger logger = LoggerFactory.getLogger(ShippingDetailsHandler.class);

	private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	private final ShippingQuoter quoter;

	private final RequestBodies bodies;

	private final IngestMetrics metrics;

	/**
	 * A handler.
	 * @param quoter finds the payment and its options
	 * @param bodies reads bodies within the size limit
	 * @param metrics the meters
	 */
	public ShippingDetailsHandler(ShippingQuoter quoter, RequestBodies bodies, IngestMetrics metrics) {
		this.quoter = quoter;
		this.bodies = bodies;
		this.metrics = metrics;
	}

	/**
	 * The route, under both spellings Vipps may build from the prefix.
	 * @param prefix the path of {@code shippingDetailsPrefix}
	 * @return the route
	 */
	public RouterFunction<ServerResponse> route(EndpointPath prefix) {
		String[] patterns = prefix.patterns("/v2/payments/{orderId}/shippingDetails");
		return RouterFunctions.route(RequestPredicates.POST(patterns[0]).or(RequestPredicates.POST(patterns[1])),
				this::handle);
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		long started = System.nanoTime();
		String orderId = request.pathVariable("orderId");
		Authentication authentication = this.quoter.authenticate(orderId,
				request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
		if (authentication instanceof Authentication.Refused refused) {
			// Not read: an unauthenticated body is not worth the memory.
			return refused(refused.refusal(), orderId, started);
		}
		Authentication.Authenticated payment = (Authentication.Authenticated) authentication;
		this.metrics.authenticated(Endpoint.SHIPPING_DETAILS, payment.verdict());
		return this.bodies.read(request)
			.flatMap((body) -> answer(payment.msn(), orderId, body, started))
			.onErrorResume(BodyTooLargeException.class,
					(ex) -> refused(new Refusal(Refusal.Reason.TOO_LARGE, ex.getMessage()), orderId, started));
	}

	private Mono<ServerResponse> answer(String msn, String orderId, byte[] body, long started) {
		ShippingCostAndMethod address;
		try {
			address = ShippingCostAndMethod.parse(body);
		}
		catch (InvalidCallbackException ex) {
			return refused(new Refusal(ex.malformed() ? Refusal.Reason.MALFORMED_BODY : Refusal.Reason.INVALID_BODY,
					ex.getMessage()), orderId, started);
		}
		ShippingQuoter.Quote quote = this.quoter.quote(msn, orderId,
				new ShippingAddress(address.country(), address.postCode()));
		if (quote.fallback()) {
			logger.warn("No shipping rules known for msn={} orderId={}: answered with the {} default options", msn,
					orderId, quote.options().size());
		}
		byte[] answer = new FetchShippingCostResponse(address.addressId(), orderId, details(quote.options())).toJson();
		this.metrics.shippingDetails(quote.fallback() ? "fallback" : "quoted", System.nanoTime() - started);
		return ServerResponse.ok().contentType(JSON_UTF8).bodyValue(answer);
	}

	private static List<ShippingDetails> details(List<ShippingOption> options) {
		return options.stream()
			.map((option) -> new ShippingDetails(option.isDefault() ? "Y" : "N", option.priority(),
					NokAmounts.fromOre(option.costOre()), option.method(), option.methodId()))
			.toList();
	}

	private Mono<ServerResponse> refused(Refusal refusal, String orderId, long started) {
		this.metrics.refused(Endpoint.SHIPPING_DETAILS, refusal.reason());
		this.metrics.shippingDetails("refused", System.nanoTime() - started);
		logger.info("Shipping-details call refused ({}): orderId={} reason={}: {}", refusal.reason().httpStatus(),
				orderId, refusal.reason().tag(), refusal.message());
		return Answers.refused(refusal);
	}

}
