package com.example.payments.vipps.simulator.web;

import java.util.List;
import java.util.Optional;

import com.example.payments.vipps.simulator.SimulatedAddress;
import com.example.payments.vipps.simulator.SimulatedPayment.Shipping;
import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.SimulatedUser;
import com.example.payments.vipps.simulator.engine.PaymentRecord;
import com.example.payments.vipps.simulator.engine.ShippingOption;
import com.example.payments.vipps.simulator.engine.SimulatorEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * server-rendered HTML and forms, no scripts, laid out for a phone first. It names the
 * merchant, the order and the amount on every step; express checkouts pick an address,
 * then one of the merchant's shipping methods, each shown with the total. Every final
 * page says what happened and sends the person back to the merchant's {@code fallBack}
 * after a few seconds (with a link for when the redirect does not happen). Errors are
 * told in plain words; their technical cause goes to the log.
 */
public final class LandingPage {

	static final String PATH = "/dwo-api-application/v1/deeplink/vippsgateway";

	/**
	 * Seconds a final page shows before the browser goes to {@code fallBack}.
	 */
	static final int REDIRECT_SECONDS = 5;

	private static final Log logger = LogFactory.getLog(LandingPage.class);

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private static final List<SimulatedAddress> ADDRESSES = List.of(SimulatedAddress.home(), SimulatedAddress.work());

	private static final String INTENT = "INTENT";

	private static final String STYLE = "*{box-sizing:border-box}"
			+ "body{margin:0;background:#f3f1f6;color:#1d1b20;font:16px/1.45 system-ui,-apple-system,'Segoe UI',"
			+ "Roboto,Helvetica,Arial,sans-serif}" + "main{max-width:34rem;margin:0 auto;padding:1rem}"
			+ ".brand{margin:.25rem 0 1rem;color:#ff5b24;font-weight:700;letter-spacing:.02em}"
			+ ".brand span{color:#6e6a75;font-weight:400}"
			+ ".card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}"
			+ "h1{font-size:1.4rem;line-height:1.25;margin:0 0 1rem}"
			+ "dl{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.35rem 1rem;margin:0 0 1.25rem}"
			+ "dt{color:#6e6a75}dd{margin:0;text-align:right;overflow-wrap:anywhere}"
			+ "dd.strong{font-weight:700;font-size:1.1rem}.price{white-space:nowrap}"
			+ "p{margin:0 0 1rem;overflow-wrap:anywhere}"
			+ "fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}legend{font-weight:600;margin-bottom:.5rem}"
			+ "label.option{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem;margin-bottom:.5rem;"
			+ "border:1px solid #d8d4de;border-radius:8px;overflow-wrap:anywhere}"
			+ "label.option input{margin-top:.3rem;flex:none}.option span{display:block}.muted{color:#6e6a75}"
			+ ".actions{display:flex;flex-direction:column;gap:.5rem}"
			+ "button{font:inherit;width:100%;padding:.85rem;border-radius:8px;cursor:pointer}"
			+ "button.primary{background:#ff5b24;border:1px solid #ff5b24;color:#fff;font-weight:600}"
			+ "button.secondary{background:#fff;border:1px solid #d8d4de;color:#1d1b20}"
			+ "a{color:#5a2ca0}a.back{display:inline-block;margin-top:.25rem}"
			+ "@media (min-width:40rem){main{padding:2rem 1rem}.actions{flex-direction:row-reverse}}";

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
			return render(unknownLink());
		}
		PaymentRecord payment = found.get();
		if (this.engine.urlExpired(payment)) {
			// Vipps: the url is valid for 5 minutes; the payment times out.
			return render(expired(payment, "This payment link has expired."));
		}
		if (payment.status() != Status.INITIATED) {
			return render(alreadyDone(payment, 200));
		}
		this.engine.open(payment);
		return render(payment.request().express() ? addressStep(payment) : payStep(payment));
	}

	private Mono<ServerResponse> act(ServerRequest request) {
		return request.formData().flatMap((form) -> {
			Optional<PaymentRecord> found = this.engine.byToken(form.getFirst("token"));
			if (found.isEmpty()) {
				return render(unknownLink());
			}
			PaymentRecord payment = found.get();
			if (this.engine.timeOutIfDue(payment)) {
				return render(expired(payment, "The time to approve this payment ran out."));
			}
			if (payment.status() != Status.INITIATED) {
				return render(alreadyDone(payment, 409));
			}
			String action = String.valueOf(form.getFirst("action"));
			// Shipping details may take up to 10 s: never block the event loop.
			Mono<Page> page = Mono.fromCallable(() -> perform(payment, action, form))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorResume(RuntimeException.class, (ex) -> Mono.just(failed(payment, action, ex)));
			return page.flatMap(this::render);
		});
	}

	private Page perform(PaymentRecord payment, String action, MultiValueMap<String, String> form) {
		switch (action) {
			case "reject" -> {
				this.engine.reject(payment.msn(), payment.orderId());
				return finished(payment, "Payment cancelled",
						"You cancelled the payment. Nothing was charged to your card.");
			}
			case "address" -> {
				SimulatedAddress address = address(form.getFirst("addressId"));
				try {
					List<ShippingOption> options = this.engine.offerShipping(payment, address);
					return shippingStep(payment, address, options);
				}
				catch (IllegalStateException ex) {
					logger.info("Landing page: no shipping options for msn=" + payment.msn() + " orderId="
							+ payment.orderId() + ": " + ex.getMessage());
					return noShipping(payment);
				}
			}
			case "approve" -> {
				if (payment.request().express()) {
					SimulatedAddress address = payment.offeredFor();
					if (address == null) {
						throw new IllegalStateException("approve before an address was chosen");
					}
					this.engine.completeExpress(payment, address, SimulatedUser.ada(),
							form.getFirst("shippingMethodId"), payment.offeredShipping());
				}
				else {
					this.engine.approve(payment.msn(), payment.orderId());
				}
				return finished(payment, "Payment approved", approvedMessage(payment));
			}
			default -> throw new IllegalStateException("unknown action '" + action + "'");
		}
	}

	// ---- the steps --------------------------------------------------------------------

	private Page payStep(PaymentRecord payment) {
		String merchant = merchantName(payment);
		return new Page(200, "Pay " + Kroner.format(payment.request().amount()) + " to " + merchant,
				heading("Pay " + merchant) + facts(payment, null) + decisionForm(payment, "", "Approve"), null);
	}

	private Page addressStep(PaymentRecord payment) {
		StringBuilder fields = new StringBuilder("<fieldset><legend>Delivery address</legend>");
		boolean first = true;
		for (SimulatedAddress address : ADDRESSES) {
			fields.append("<label class=\"option\"><input type=\"radio\" name=\"addressId\" id=\"address-")
				.append(address.addressId())
				.append("\" value=\"")
				.append(address.addressId())
				.append(first ? "\" checked>" : "\">")
				.append("<span>")
				.append(escape(addressLine(address)))
				.append("</span></label>");
			first = false;
		}
		fields.append("</fieldset>");
		String body = heading("Where should " + merchantName(payment) + " send your order?") + facts(payment, null)
				+ form(payment, fields.toString(), button("continue", "address", "primary", "Continue")
						+ button("reject", "reject", "secondary", "Cancel payment"));
		return new Page(200, "Choose a delivery address - " + merchantName(payment), body, null);
	}

	private Page shippingStep(PaymentRecord payment, SimulatedAddress address, List<ShippingOption> options) {
		long amount = payment.request().amount();
		StringBuilder fields = new StringBuilder("<p class=\"muted\">Delivery to <span id=\"address\">")
			.append(escape(addressLine(address)))
			.append("</span></p><fieldset><legend>Shipping</legend>");
		ShippingOption preselected = options.stream()
			.filter(ShippingOption::isDefault)
			.findFirst()
			.orElse(options.get(0));
		for (ShippingOption option : options) {
			String id = escape(option.shippingMethodId());
			long cost = Kroner.ore(option.shippingCost());
			fields.append("<label class=\"option\"><input type=\"radio\" name=\"shippingMethodId\" id=\"method-")
				.append(id)
				.append("\" value=\"")
				.append(id)
				.append((option == preselected) ? "\" checked>" : "\">")
				.append("<span><span>")
				.append(escape(option.shippingMethod()))
				.append(" <span class=\"price\" id=\"cost-")
				.append(id)
				.append("\">")
				.append(Kroner.format(cost))
				.append("</span></span><span class=\"muted\">Total with shipping <span class=\"price\" id=\"total-")
				.append(id)
				.append("\">")
				.append(Kroner.format(amount + cost))
				.append("</span></span></span></label>");
		}
		fields.append("</fieldset>");
		String body = heading("Choose shipping") + facts(payment, null)
				+ decisionForm(payment, fields.toString(), "Approve");
		return new Page(200, "Choose shipping - " + merchantName(payment), body, null);
	}

	// ---- final pages ------------------------------------------------------------------

	private Page finished(PaymentRecord payment, String title, String message) {
		String body = heading(title, "result") + facts(payment, payment.shipping()) + "<p id=\"message\">"
				+ escape(message) + "</p>" + wayBack(payment, true);
		return new Page(200, title + " - " + merchantName(payment), body, redirectTarget(payment));
	}

	private Page expired(PaymentRecord payment, String reason) {
		String body = heading("Payment expired", "result") + facts(payment, null) + "<p id=\"message\">"
				+ escape(reason + " Nothing was charged to your card. Start the payment again from the shop.") + "</p>"
				+ wayBack(payment, false);
		return new Page(410, "Payment expired - " + merchantName(payment), body, null);
	}

	private Page alreadyDone(PaymentRecord payment, int status) {
		String state = describe(payment.status());
		String body = heading("Payment " + state, "result") + facts(payment, payment.shipping()) + "<p id=\"message\">"
				+ escape("This payment is already " + state + ". There is nothing more to do here.") + "</p>"
				+ wayBack(payment, true);
		return new Page(status, "Payment " + state + " - " + merchantName(payment), body, redirectTarget(payment));
	}

	private Page noShipping(PaymentRecord payment) {
		String merchant = merchantName(payment);
		String body = heading("No shipping available", "result") + facts(payment, null) + "<p id=\"message\">"
				+ escape(merchant + " could not offer shipping to this address right now. Nothing was charged to "
						+ "your card.")
				+ "</p><p><a id=\"retry\" href=\"" + escape(PATH + "?v=2&token=" + payment.token())
				+ "\">Choose another address</a></p>" + wayBack(payment, false);
		return new Page(200, "No shipping available - " + merchant, body, null);
	}

	private Page failed(PaymentRecord payment, String action, RuntimeException ex) {
		// The person gets plain words; the cause is for the log.
		logger.info("Landing page: action '" + action + "' failed for msn=" + payment.msn() + " orderId="
				+ payment.orderId() + ": " + ex.getMessage());
		if (payment.status() != Status.INITIATED) {
			return alreadyDone(payment, 409);
		}
		String body = heading("Something went wrong", "result") + facts(payment, null) + "<p id=\"message\">"
				+ escape("This step could not be completed. Nothing was charged to your card. Try again, or start the "
						+ "payment again from the shop.")
				+ "</p><p><a id=\"retry\" href=\"" + escape(PATH + "?v=2&token=" + payment.token())
				+ "\">Try again</a></p>" + wayBack(payment, false);
		return new Page(400, "Something went wrong - " + merchantName(payment), body, null);
	}

	private static Page unknownLink() {
		return new Page(404, "Payment link not valid",
				heading("Payment link not valid", "result") + "<p id=\"message\">This payment link is not valid. "
						+ "Go back to the shop and start the payment again.</p>",
				null);
	}

	// ---- parts ------------------------------------------------------------------------

	private String facts(PaymentRecord payment, Shipping shipping) {
		long amount = payment.request().amount();
		StringBuilder html = new StringBuilder("<dl>");
		fact(html, "Merchant", "merchant", escape(merchantName(payment)), false);
		fact(html, "Order", "order", escape(payment.orderId()), false);
		fact(html, "For", "text", escape(payment.request().transactionText()), false);
		fact(html, "Amount", "amount", price(amount), shipping == null);
		if (shipping != null) {
			long cost = Kroner.ore(shipping.shippingCost());
			fact(html, "Shipping", "shipping", escape(shipping.shippingMethod()) + " " + price(cost), false);
			fact(html, "Total", "total", price(amount + cost), true);
		}
		return html.append("</dl>").toString();
	}

	private static void fact(StringBuilder html, String label, String id, String valueHtml, boolean strong) {
		html.append("<dt>")
			.append(label)
			.append("</dt><dd id=\"")
			.append(id)
			.append(strong ? "\" class=\"strong\">" : "\">")
			.append(valueHtml)
			.append("</dd>");
	}

	/**
	 * The way back to the shop. A final page redirects there (see {@link #render}); the
	 * link is for when the browser does not follow. {@code INTENT} only means something
	 * to the Vipps app on Android, so the browser gets words instead.
	 * @param payment the payment
	 * @param redirecting whether the page redirects
	 * @return the HTML
	 */
	private String wayBack(PaymentRecord payment, boolean redirecting) {
		String fallBack = payment.request().fallBack();
		String merchant = merchantName(payment);
		if (INTENT.equals(fallBack)) {
			return "<p id=\"fallback\">You can now return to " + escape(merchant) + "'s app.</p>";
		}
		String link = "<a class=\"back\" id=\"fallback\" href=\"" + escape(fallBack) + "\">Back to " + escape(merchant)
				+ "</a>";
		return redirecting ? "<p class=\"muted\">Taking you back to " + escape(merchant) + " in " + REDIRECT_SECONDS
				+ " seconds.</p><p>" + link + "</p>" : "<p>" + link + "</p>";
	}

	private static String redirectTarget(PaymentRecord payment) {
		String fallBack = payment.request().fallBack();
		return INTENT.equals(fallBack) ? null : fallBack;
	}

	private static String decisionForm(PaymentRecord payment, String fields, String approveLabel) {
		return form(payment, fields, button("approve", "approve", "primary", approveLabel)
				+ button("reject", "reject", "secondary", "Cancel payment"));
	}

	private static String form(PaymentRecord payment, String fields, String buttons) {
		return "<form method=\"post\" action=\"" + PATH + "/actions\"><input type=\"hidden\" name=\"token\" value=\""
				+ escape(payment.token()) + "\">" + fields + "<div class=\"actions\">" + buttons + "</div></form>";
	}

	private static String button(String id, String action, String kind, String label) {
		return "<button id=\"" + id + "\" class=\"" + kind + "\" type=\"submit\" name=\"action\" value=\"" + action
				+ "\">" + escape(label) + "</button>";
	}

	private static String heading(String text) {
		return heading(text, "heading");
	}

	private static String heading(String text, String id) {
		return "<h1 id=\"" + id + "\">" + escape(text) + "</h1>";
	}

	private static String price(long ore) {
		return "<span class=\"price\">" + Kroner.format(ore) + "</span>";
	}

	private String merchantName(PaymentRecord payment) {
		return this.engine.credentials().merchant(payment.msn()).name();
	}

	private String approvedMessage(PaymentRecord payment) {
		return this.engine.credentials().merchant(payment.msn()).directCapture() ? "The amount has been paid."
				: "The amount is reserved on your card; " + merchantName(payment)
						+ " charges it when the order is shipped.";
	}

	private static String describe(Status status) {
		return switch (status) {
			case INITIATED -> "waiting for approval";
			case RESERVED, PARTIALLY_CAPTURED -> "approved";
			case CAPTURED -> "paid";
			case PARTIALLY_REFUNDED -> "partly refunded";
			case REFUNDED -> "refunded";
			case CANCELLED, VOIDED -> "cancelled";
			case REJECTED -> "expired";
			case RESERVE_FAILED -> "declined";
		};
	}

	private static SimulatedAddress address(String addressId) {
		return ADDRESSES.stream()
			.filter((a) -> String.valueOf(a.addressId()).equals(addressId))
			.findFirst()
			.orElse(ADDRESSES.get(0));
	}

	private static String addressLine(SimulatedAddress address) {
		return address.addressLine1() + ", " + address.postCode() + " " + address.city();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

	private Mono<ServerResponse> render(Page page) {
		String refresh = (page.redirectTo() != null) ? "<meta http-equiv=\"refresh\" content=\"" + REDIRECT_SECONDS
				+ ";url=" + escape(page.redirectTo()) + "\">" : "";
		String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + refresh + "<title>"
				+ escape(page.title()) + "</title><style>" + STYLE + "</style></head><body><main>"
				+ "<p class=\"brand\">Vipps <span>(simulator)</span></p><div class=\"card\">" + page.body()
				+ "</div></main></body></html>";
		return ServerResponse.status(page.status())
			.contentType(HTML)
			.header(VippsApiRoutes.VERSION_HEADER, VippsApiRoutes.VERSION)
			.bodyValue(html);
	}

	/**
	 * A page to send.
	 *
	 * @param status HTTP status
	 * @param title the document title
	 * @param body the card's HTML
	 * @param redirectTo where the browser goes after {@link #REDIRECT_SECONDS}, or null
	 */
	private record Page(int status, String title, String body, String redirectTo) {
	}

}
