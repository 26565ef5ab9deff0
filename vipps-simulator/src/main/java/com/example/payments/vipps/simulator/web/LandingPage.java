package com.example.payments.vipps.simulator.web;

import java.util.List;
import java.util.Optional;

import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.SimulatedUser;
import com.example.payments.vipps.simulator.engine.PaymentRecord;
import com.example.payments.vipps.simulator.engine.ShippingOption;
import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind the initiate {@code url}, where a person approves or rejects: plain
 * server-rendered HTML and forms, no scripts. Express checkouts pick an address first,
 * then one of the shipping methods the merchant offers.
 */
public final class LandingPage {

	static final String PATH = "/dwo-api-application/v1/deeplink/vippsgateway";

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private static final List<SimulatedAddress> ADDRESSES = List.of(SimulatedAddress.home(), SimulatedAddress.work());

	private final SimulatorEngine engine;

	public LandingPage(SimulatorEngine engine) {
		this.engine = engine;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().GET(PATH, this::show).POST(PATH + "/actions", this::act).build();
	}

	private Mono<ServerResponse> show(ServerRequest request) {
		Optional<PaymentRecord> found = this.engine.byToken(request.queryParam("token").orElse(null));
		if (found.isEmpty()) {
			return page(404, "Payment not found", "<p id=\"message\">This payment link is unknown or has expired.</p>");
		}
		PaymentRecord payment = found.get();
		if (this.engine.urlExpired(payment)) {
			// Vipps: the url is valid for 5 minutes; the payment times out.
			return page(410, "Payment expired", "<p id=\"message\">This payment link has expired.</p>");
		}
		if (payment.status() != Status.INITIATED) {
			return page(200, "Payment " + payment.status(),
					"<p id=\"message\">This payment is already " + payment.status().name().toLowerCase() + ".</p>");
		}
		this.engine.open(payment);
		if (payment.request().express()) {
			return page(200, "Vipps Hurtigkasse", summary(payment) + addressForm(payment));
		}
		return page(200, "Pay with Vipps", summary(payment) + decisionForm(payment, ""));
	}

	private Mono<ServerResponse> act(ServerRequest request) {
		return request.formData().flatMap((form) -> {
			Optional<PaymentRecord> found = this.engine.byToken(form.getFirst("token"));
			if (found.isEmpty()) {
				return page(404, "Payment not found",
						"<p id=\"message\">This payment link is unknown or has expired.</p>");
			}
			PaymentRecord payment = found.get();
			if (this.engine.timeOutIfDue(payment)) {
				return page(410, "Payment expired",
						"<p id=\"message\">The time to approve this payment has run out.</p>");
			}
			if (payment.status() != Status.INITIATED) {
				return page(409, "Payment " + payment.status(),
						"<p id=\"message\">This payment is already " + payment.status().name().toLowerCase() + ".</p>");
			}
			String action = String.valueOf(form.getFirst("action"));
			// Shipping details may take up to 10 s: never block the event loop.
			return Mono.fromCallable(() -> perform(payment, action, form))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((html) -> page(200, "Vipps", html))
				.onErrorResume(IllegalStateException.class,
						(ex) -> page(200, "Payment failed", "<p id=\"message\">" + escape(ex.getMessage()) + "</p>"));
		});
	}

	private String perform(PaymentRecord payment, String action, MultiValueMap<String, String> form) {
		switch (action) {
			case "reject" -> {
				this.engine.reject(payment.msn(), payment.orderId());
				return result(payment, "Payment cancelled", "You cancelled the payment.");
			}
			case "address" -> {
				SimulatedAddress address = address(form.getFirst("addressId"));
				List<ShippingOption> options = this.engine.offerShipping(payment, address);
				return summary(payment) + shippingForm(payment, address, options);
			}
			case "approve" -> {
				if (payment.request().express()) {
					SimulatedAddress address = payment.offeredFor();
					if (address == null) {
						throw new IllegalStateException("Choose an address first.");
					}
					this.engine.completeExpress(payment, address, SimulatedUser.ada(),
							form.getFirst("shippingMethodId"), payment.offeredShipping());
				}
				else {
					this.engine.approve(payment.msn(), payment.orderId());
				}
				return result(payment, "Payment approved", "The amount is reserved.");
			}
			default -> throw new IllegalStateException("Unknown action.");
		}
	}

	private static SimulatedAddress address(String addressId) {
		return ADDRESSES.stream()
			.filter((a) -> String.valueOf(a.addressId()).equals(addressId))
			.findFirst()
			.orElse(ADDRESSES.get(0));
	}

	private static String summary(PaymentRecord payment) {
		long amount = payment.request().amount();
		return "<p>Merchant <span id=\"msn\">" + escape(payment.msn()) + "</span></p>" + "<p id=\"amount\">"
				+ (amount / 100) + "," + String.format("%02d", amount % 100) + " kr</p>" + "<p id=\"text\">"
				+ escape(payment.request().transactionText()) + "</p>";
	}

	private static String decisionForm(PaymentRecord payment, String extraFields) {
		return "<form method=\"post\" action=\"" + PATH + "/actions\">" + hidden("token", payment.token()) + extraFields
				+ "<button id=\"approve\" type=\"submit\" name=\"action\" value=\"approve\">Approve</button> "
				+ "<button id=\"reject\" type=\"submit\" name=\"action\" value=\"reject\">Cancel</button></form>";
	}

	private static String addressForm(PaymentRecord payment) {
		StringBuilder html = new StringBuilder("<form method=\"post\" action=\"" + PATH + "/actions\">");
		html.append(hidden("token", payment.token())).append("<fieldset><legend>Delivery address</legend>");
		boolean first = true;
		for (SimulatedAddress address : ADDRESSES) {
			html.append("<label><input type=\"radio\" name=\"addressId\" id=\"address-")
				.append(address.addressId())
				.append("\" value=\"")
				.append(address.addressId())
				.append(first ? "\" checked> " : "\"> ")
				.append(escape(address.addressLine1() + ", " + address.postCode() + " " + address.city()))
				.append("</label><br>");
			first = false;
		}
		html.append(
				"</fieldset><button id=\"continue\" type=\"submit\" name=\"action\" value=\"address\">Continue</button> ")
			.append("<button id=\"reject\" type=\"submit\" name=\"action\" value=\"reject\">Cancel</button></form>");
		return html.toString();
	}

	private static String shippingForm(PaymentRecord payment, SimulatedAddress address, List<ShippingOption> options) {
		StringBuilder fields = new StringBuilder("<p id=\"address\">" + escape(address.addressLine1()) + "</p>");
		fields.append("<fieldset><legend>Shipping</legend>");
		for (ShippingOption option : options) {
			fields.append("<label><input type=\"radio\" name=\"shippingMethodId\" id=\"method-")
				.append(escape(option.shippingMethodId()))
				.append("\" value=\"")
				.append(escape(option.shippingMethodId()))
				.append(option.isDefault() ? "\" checked> " : "\"> ")
				.append(escape(option.shippingMethod()))
				.append(" (")
				.append(option.shippingCost())
				.append(" kr)</label><br>");
		}
		fields.append("</fieldset>");
		return decisionForm(payment, fields.toString());
	}

	private static String result(PaymentRecord payment, String title, String message) {
		return "<h2 id=\"result\">" + escape(title) + "</h2><p>" + escape(message) + "</p><p><a id=\"fallback\" href=\""
				+ escape(payment.request().fallBack()) + "\">Back to the shop</a></p>";
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

	private static Mono<ServerResponse> page(int status, String title, String body) {
		String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ "</title></head><body><h1>Vipps (simulator)</h1>" + body + "</body></html>";
		return ServerResponse.status(status)
			.contentType(HTML)
			.header(VippsApiRoutes.VERSION_HEADER, VippsApiRoutes.VERSION)
			.bodyValue(html);
	}

}
