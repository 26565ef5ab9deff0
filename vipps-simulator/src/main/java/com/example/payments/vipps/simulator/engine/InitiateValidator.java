package com.example.payments.vipps.simulator.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.payments.vipps.simulator.SimulatedMerchant;
import com.example.payments.vipps.simulator.UrlPolicy;
import tools.jackson.databind.JsonNode;

/**
 * Initiate validation as Vipps does it (guide §4 and §10), including Vipps' quirks: an
 * MSN sent as a JSON number, a non-integer amount and a misspelled {@code fallback} give
 * HTTP 500 / VippsError 99, a bad phone number gives User 81.
 */
public final class InitiateValidator {

	static final Pattern ORDER_ID = Pattern.compile("^[a-zA-Z0-9-]{1,50}$");

	static final Pattern MSN = Pattern.compile("^\\d{5,6}$");

	private static final Set<String> SCOPES = Set.of("name", "address", "email", "phoneNumber", "birthDate", "nin");

	private static final String REGULAR = "eComm Regular Payment";

	private static final String EXPRESS = "eComm Express Payment";

	private static final String INTENT = "INTENT";

	private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

	// Schemes a browser handles itself: never an app to return to.
	private static final Set<String> NOT_APP_SCHEMES = Set.of("javascript", "vbscript", "data", "file", "about", "blob",
			"ftp", "ws", "wss");

	private static final Pattern IPV4_LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

	private final UrlPolicy urlPolicy;

	public InitiateValidator(UrlPolicy urlPolicy) {
		this.urlPolicy = urlPolicy;
	}

	/**
	 * Validates an initiate body for the given caller.
	 * @param root the parsed body
	 * @param merchant the sales unit the caller acts for
	 * @return the request
	 * @throws VippsApiException what Vipps would answer
	 */
	public InitiateRequest validate(JsonNode root, SimulatedMerchant merchant) {
		if (root == null || !root.isObject()) {
			throw VippsApiException.internal("The request body is not a JSON object.");
		}
		JsonNode merchantInfo = object(root, "merchantInfo");
		JsonNode customerInfo = object(root, "customerInfo");
		JsonNode transaction = object(root, "transaction");
		String msn = merchantSerialNumber(merchantInfo, merchant);
		if (merchantInfo.has("fallback") && !merchantInfo.has("fallBack")) {
			// Vipps answers 500 to this misspelling rather than a validation error.
			throw VippsApiException.internal("An internal error occurred.");
		}
		JsonNode amountNode = transaction.get("amount");
		if (amountNode == null || amountNode.isNull()) {
			throw VippsApiException.invalid("amount", "amount is required");
		}
		if (!amountNode.isIntegralNumber()) {
			throw VippsApiException.internal("An internal error occurred.");
		}
		long amount = amountNode.asLong();
		if (amount < 100) {
			throw VippsApiException.invalid("amount", "amount must be at least 100 (øre)");
		}
		String orderId = string(transaction, "orderId", true, 50);
		if (!ORDER_ID.matcher(orderId).matches()) {
			throw VippsApiException.invalid("orderId", "orderId must match ^[a-zA-Z0-9-]{1,50}$");
		}
		String transactionText = string(transaction, "transactionText", true, 100);
		String paymentType = string(merchantInfo, "paymentType", false, 50);
		if (paymentType != null && !REGULAR.equals(paymentType) && !EXPRESS.equals(paymentType)) {
			throw VippsApiException.invalid("paymentType",
					"paymentType must be 'eComm Regular Payment' or 'eComm Express Payment'");
		}
		boolean express = EXPRESS.equals(paymentType);
		boolean isApp = bool(merchantInfo, "isApp");
		boolean skipLandingPage = bool(transaction, "skipLandingPage");
		String callbackPrefix = url(merchantInfo, "callbackPrefix", true, isApp);
		String fallBack = fallBack(merchantInfo, isApp);
		String authToken = string(merchantInfo, "authToken", false, 255);
		String consentRemovalPrefix = url(merchantInfo, "consentRemovalPrefix", false, isApp);
		String shippingDetailsPrefix = url(merchantInfo, "shippingDetailsPrefix", false, isApp);
		List<ShippingOption> staticShipping = List.of();
		JsonNode staticNode = merchantInfo.get("staticShippingDetails");
		if (staticNode != null && !staticNode.isNull()) {
			try {
				staticShipping = ShippingOption.parseAll(staticNode, "staticShippingDetails");
			}
			catch (IllegalArgumentException ex) {
				throw VippsApiException.invalid("staticShippingDetails", ex.getMessage());
			}
		}
		String scope = string(transaction, "scope", false, 200);
		if (express) {
			if (consentRemovalPrefix == null) {
				throw VippsApiException.invalid("consentRemovalPrefix",
						"consentRemovalPrefix is required for express checkout");
			}
			if (shippingDetailsPrefix == null && staticShipping.isEmpty()) {
				throw VippsApiException.invalid("shippingDetailsPrefix",
						"express checkout needs shippingDetailsPrefix or staticShippingDetails");
			}
			if (scope != null) {
				throw VippsApiException.invalid("scope", "scope cannot be combined with express checkout");
			}
		}
		if (scope != null) {
			for (String item : scope.trim().split("\\s+")) {
				if (!SCOPES.contains(item)) {
					throw VippsApiException.invalid("scope", "unknown scope '" + item + "'");
				}
				if ("nin".equals(item)) {
					throw VippsApiException.vipps(403, "Merchant", "51",
							"The sales unit is not allowed to use the nin scope.");
				}
			}
		}
		String mobileNumber = mobileNumber(customerInfo);
		if (skipLandingPage) {
			if (!merchant.skipLandingPageAllowed()) {
				throw VippsApiException.vipps(400, "Merchant", "38",
						"The sales unit is not allowed to skip the landing page.");
			}
			if (mobileNumber == null) {
				throw VippsApiException.invalid("mobileNumber", "mobileNumber is required with skipLandingPage");
			}
		}
		return new InitiateRequest(msn, orderId, amount, transactionText, callbackPrefix, fallBack, authToken,
				consentRemovalPrefix, shippingDetailsPrefix, staticShipping, express, isApp, skipLandingPage,
				mobileNumber, scope);
	}

	/**
	 * Checks the body {@code merchantInfo.merchantSerialNumber} of any request.
	 * @param merchantInfo the merchantInfo object
	 * @param merchant the caller's sales unit
	 * @return the MSN
	 */
	public static String merchantSerialNumber(JsonNode merchantInfo, SimulatedMerchant merchant) {
		JsonNode msnNode = merchantInfo.get("merchantSerialNumber");
		if (msnNode != null && msnNode.isNumber()) {
			// A number where Vipps wants a string gives 500 (FAQ, errors KB).
			throw VippsApiException.internal("An internal error occurred.");
		}
		if (msnNode == null || !msnNode.isString() || !MSN.matcher(msnNode.asString()).matches()) {
			throw VippsApiException.invalid("merchantSerialNumber",
					"merchantSerialNumber must be a string of 5-6 digits");
		}
		String msn = msnNode.asString();
		if (!msn.equals(merchant.msn())) {
			throw VippsApiException.vipps(403, "Merchant", "37",
					"Invalid MSN: " + msn + ". The API keys do not belong to this sales unit.");
		}
		return msn;
	}

	static JsonNode object(JsonNode parent, String name) {
		JsonNode node = parent.get(name);
		if (node == null || !node.isObject()) {
			throw VippsApiException.invalid(name, name + " is required and must be an object");
		}
		return node;
	}

	static String string(JsonNode parent, String name, boolean required, int maxLength) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw VippsApiException.invalid(name, name + " is required");
			}
			return null;
		}
		if (!node.isString()) {
			throw VippsApiException.invalid(name, name + " must be a string");
		}
		String value = node.asString();
		if (required && value.isEmpty()) {
			throw VippsApiException.invalid(name, name + " must not be empty");
		}
		if (value.length() > maxLength) {
			throw VippsApiException.invalid(name, name + " must be at most " + maxLength + " characters");
		}
		return value;
	}

	private static boolean bool(JsonNode parent, String name) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			return false;
		}
		if (!node.isBoolean()) {
			throw VippsApiException.invalid(name, name + " must be a boolean");
		}
		return node.asBoolean();
	}

	private String url(JsonNode parent, String name, boolean required, boolean isApp) {
		String value = string(parent, name, required, 255);
		if (value == null) {
			return null;
		}
		// isApp: "URLs passed to Vipps will not be validated as regular URLs" (spec).
		String problem = isApp ? null : urlProblem(value);
		if (problem != null) {
			throw VippsApiException.invalid(name, "Invalid " + name + ": " + problem);
		}
		return value;
	}

	// fallBack: an HTTPS URL like the others, an app URL (myapp://...) or exactly INTENT
	// (Android returns to the calling app), with or without isApp, as the guide allows
	// (1.2, 2.4). isApp relaxes only the HTTPS rules; a value without a scheme, or with a
	// browser scheme that is no app (javascript:, data:, file: ...), is always refused:
	// the landing page sends the user there.
	private String fallBack(JsonNode merchantInfo, boolean isApp) {
		String value = string(merchantInfo, "fallBack", true, 255);
		String problem = fallBackProblem(value, isApp);
		if (problem != null) {
			throw VippsApiException.invalid("fallBack", "Invalid fallBack: " + problem);
		}
		return value;
	}

	/**
	 * Why a {@code fallBack} is not acceptable, or null.
	 * @param value the fallBack
	 * @param isApp whether the payment was initiated with {@code isApp}
	 * @return the problem or null
	 */
	String fallBackProblem(String value, boolean isApp) {
		if (INTENT.equals(value)) {
			return null;
		}
		Matcher scheme = SCHEME.matcher(value);
		String name = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : null;
		if (name == null || NOT_APP_SCHEMES.contains(name)) {
			return "not an HTTPS URL, an app URL (myapp://...) or INTENT";
		}
		if (!"http".equals(name) && !"https".equals(name)) {
			return value.startsWith(scheme.group(0) + "//") ? null
					: "an app URL has the form myapp://..., was '" + value + "'";
		}
		return isApp ? null : urlProblem(value);
	}

	/**
	 * Why a merchant URL is not acceptable under the policy, or null.
	 * @param value the URL
	 * @return the problem or null
	 */
	String urlProblem(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return "not a valid URL";
		}
		String scheme = uri.getScheme();
		if (!uri.isAbsolute() || uri.getHost() == null || scheme == null) {
			return "not a valid absolute URL";
		}
		boolean https = "https".equalsIgnoreCase(scheme);
		boolean http = "http".equalsIgnoreCase(scheme);
		return switch (this.urlPolicy) {
			case STRICT -> {
				if (!https) {
					yield "the URL must use HTTPS";
				}
				yield isLocal(uri.getHost()) ? "localhost and loopback hosts are not allowed" : null;
			}
			case ALLOW_LOCAL_HTTP -> (https || (http && isLoopback(uri.getHost()))) ? null
					: "the URL must use HTTPS (plain HTTP only to localhost, 127.0.0.0/8 or ::1)";
			case ALLOW_HTTP -> (https || http) ? null : "the URL must use HTTPS or HTTP";
		};
	}

	/**
	 * A loopback host: {@code localhost} or a loopback IP literal; names are never looked
	 * up.
	 * @param host the URL's host
	 * @return whether plain HTTP may go there
	 */
	private static boolean isLoopback(String host) {
		String bare = bare(host);
		if ("localhost".equalsIgnoreCase(bare)) {
			return true;
		}
		InetAddress literal = ipLiteral(bare);
		return literal != null && literal.isLoopbackAddress();
	}

	private static boolean isLocal(String host) {
		String bare = bare(host);
		if ("localhost".equalsIgnoreCase(bare) || bare.toLowerCase(Locale.ROOT).endsWith(".localhost")
				|| !bare.contains(".")) {
			return true;
		}
		if (bare.matches("^[0-9.]+$") || bare.contains(":")) {
			InetAddress address = ipLiteral(bare);
			return address == null || address.isLoopbackAddress() || address.isAnyLocalAddress()
					|| address.isSiteLocalAddress() || address.isLinkLocalAddress();
		}
		return false;
	}

	private static String bare(String host) {
		return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
	}

	private static InetAddress ipLiteral(String host) {
		if (!IPV4_LITERAL.matcher(host).matches() && !host.contains(":")) {
			return null;
		}
		try {
			// A literal: parsed, never resolved.
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static String mobileNumber(JsonNode customerInfo) {
		JsonNode node = customerInfo.get("mobileNumber");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw VippsApiException.vipps(400, "User", "81", "User not found or phone number invalid.");
		}
		// Vipps repairs common formatting mistakes before giving up with 81.
		String digits = node.asString().replace(" ", "");
		if (digits.startsWith("+47")) {
			digits = digits.substring(3);
		}
		else if (digits.startsWith("0047")) {
			digits = digits.substring(4);
		}
		if (!digits.matches("^\\d{8}$")) {
			throw VippsApiException.vipps(400, "User", "81", "User not found or phone number invalid.");
		}
		return digits;
	}

}
