package com.example.payments.vipps.client;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.example.payments.vipps.client.error.VippsFailure;
import com.example.payments.vipps.client.error.VippsValidationException;
import com.example.payments.vipps.client.model.CancelPaymentRequest;
import com.example.payments.vipps.client.model.InitiatePaymentRequest;
import com.example.payments.vipps.client.model.MerchantInfo;
import com.example.payments.vipps.client.model.PaymentActionsRequest;
import com.example.payments.vipps.client.model.PaymentType;
import com.example.payments.vipps.client.model.ShippingDetails;

/**
 * Checks requests against the spec's rules before anything is sent, so a bad request
 * fails fast with a {@link VippsValidationException} naming the field instead of a 400
 * or, for the classic mistakes (MSN as number, wrong URL), an HTTP 500 from Vipps.
 *
 * @author vipps-client
 */
final class VippsRequestValidator {

	static final Pattern ORDER_ID = Pattern.compile("^[a-zA-Z0-9-]{1,50}$");

	static final Pattern MSN = Pattern.compile("^\\d{5,6}$");

	static final Pattern MOBILE_NUMBER = Pattern.compile("^\\d{8}$");

	static final long MIN_AMOUNT = 100;

	static final int MAX_TRANSACTION_TEXT = 100;

	static final int MAX_REQUEST_ID = 40;

	static final int MAX_URL = 255;

	/**
	 * The highest shipping cost accepted, in NOK: a sanity bound, not a business rule. A
	 * cost above it is almost certainly an amount in øre passed as NOK.
	 */
	static final BigDecimal MAX_SHIPPING_COST_NOK = new BigDecimal("10000");

	private final boolean allowInsecureLocalUrls;

	VippsRequestValidator(boolean allowInsecureLocalUrls) {
		this.allowInsecureLocalUrls = allowInsecureLocalUrls;
	}

	void initiate(InitiatePaymentRequest request) {
		Check check = new Check(VippsOperation.INITIATE, msnOf(request), orderIdOf(request));
		check.that(request != null, "request", "the request is required");
		MerchantInfo merchant = request.merchantInfo();
		check.that(merchant != null, "merchantInfo", "merchantInfo is required");
		check.msn(merchant.merchantSerialNumber());
		check.that(request.transaction() != null, "transaction", "transaction is required");
		check.orderId(request.transaction().orderId());
		check.that(request.transaction().amount() >= MIN_AMOUNT, "amount",
				"amount is in øre and must be at least " + MIN_AMOUNT);
		check.transactionText(request.transaction().transactionText());
		String mobileNumber = request.customerInfo().mobileNumber();
		check.that(mobileNumber == null || MOBILE_NUMBER.matcher(mobileNumber).matches(), "mobileNumber",
				"mobileNumber must be 8 digits without country code");
		boolean isApp = Boolean.TRUE.equals(merchant.isApp());
		check.that(isHttpsUrl(merchant.callbackPrefix()), "callbackPrefix", urlRule("callbackPrefix"));
		check.that(isHttpsUrl(merchant.fallBack()) || (isApp && isAppUrl(merchant.fallBack())), "fallBack",
				isApp ? "fallBack must be an HTTPS URL, an app URL (myapp://...) or INTENT" : urlRule("fallBack"));
		check.that(merchant.consentRemovalPrefix() == null || isHttpsUrl(merchant.consentRemovalPrefix()),
				"consentRemovalPrefix", urlRule("consentRemovalPrefix"));
		check.that(merchant.shippingDetailsPrefix() == null || isHttpsUrl(merchant.shippingDetailsPrefix()),
				"shippingDetailsPrefix", urlRule("shippingDetailsPrefix"));
		check.that(merchant.authToken() == null || merchant.authToken().length() <= MAX_URL, "authToken",
				"authToken must be at most " + MAX_URL + " characters");
		if (merchant.paymentType() == PaymentType.EXPRESS) {
			check.that(merchant.consentRemovalPrefix() != null, "consentRemovalPrefix",
					"express payments require consentRemovalPrefix");
			check.that(request.transaction().scope() == null, "scope", "express payments cannot use scope");
			check.that(merchant.shippingDetailsPrefix() != null || merchant.staticShippingDetails() != null,
					"shippingDetailsPrefix", "express payments need shippingDetailsPrefix or staticShippingDetails");
		}
		List<ShippingDetails> shipping = merchant.staticShippingDetails();
		if (shipping != null) {
			for (ShippingDetails option : shipping) {
				check.that(option != null && ("Y".equals(option.isDefault()) || "N".equals(option.isDefault())),
						"isDefault", "isDefault must be \"Y\" or \"N\"");
				check.shippingCost(option.shippingCost());
				check.that(option.shippingMethod() != null && option.shippingMethod().length() <= 256, "shippingMethod",
						"shippingMethod is required, at most 256 characters");
				check.that(option.shippingMethodId() != null && option.shippingMethodId().length() <= 100,
						"shippingMethodId", "shippingMethodId is required, at most 100 characters");
			}
		}
	}

	void action(VippsOperation operation, String orderId, String requestId, PaymentActionsRequest request) {
		String msn = (request != null && request.merchantInfo() != null) ? request.merchantInfo().merchantSerialNumber()
				: null;
		Check check = new Check(operation, msn, orderId);
		check.that(request != null && request.merchantInfo() != null, "merchantInfo", "merchantInfo is required");
		check.msn(msn);
		check.orderId(orderId);
		check.that(requestId != null && !requestId.isBlank() && requestId.length() <= MAX_REQUEST_ID, "X-Request-Id",
				"X-Request-Id is required (reuse it on retries) and at most " + MAX_REQUEST_ID + " characters");
		check.that(request.transaction() != null, "transaction", "transaction is required");
		Long amount = request.transaction().amount();
		check.that(amount == null || amount >= MIN_AMOUNT, "amount", "amount is in øre and must be at least "
				+ MIN_AMOUNT + " (leave it out for the whole remaining amount)");
		check.transactionText(request.transaction().transactionText());
	}

	void cancel(String orderId, CancelPaymentRequest request) {
		String msn = (request != null && request.merchantInfo() != null) ? request.merchantInfo().merchantSerialNumber()
				: null;
		Check check = new Check(VippsOperation.CANCEL, msn, orderId);
		check.that(request != null && request.merchantInfo() != null, "merchantInfo", "merchantInfo is required");
		check.msn(msn);
		check.orderId(orderId);
		check.that(request.transaction() != null, "transaction", "transaction is required");
		check.transactionText(request.transaction().transactionText());
	}

	void details(String msn, String orderId) {
		Check check = new Check(VippsOperation.DETAILS, msn, orderId);
		check.msn(msn);
		check.orderId(orderId);
	}

	void msn(VippsOperation operation, String msn, String orderId) {
		new Check(operation, msn, orderId).msn(msn);
	}

	private static String urlRule(String field) {
		return field + " must be an absolute HTTPS URL of at most " + MAX_URL + " characters (Vipps rejects http and "
				+ "localhost)";
	}

	private boolean isHttpsUrl(String value) {
		URI uri = parse(value);
		if (uri == null || uri.getHost() == null) {
			return false;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		boolean local = isLocal(uri.getHost());
		if ("https".equals(scheme)) {
			return !local || this.allowInsecureLocalUrls;
		}
		return "http".equals(scheme) && local && this.allowInsecureLocalUrls;
	}

	private static boolean isAppUrl(String value) {
		if ("INTENT".equals(value)) {
			return true;
		}
		URI uri = parse(value);
		return uri != null && !"http".equalsIgnoreCase(uri.getScheme());
	}

	private static URI parse(String value) {
		if (value == null || value.isBlank() || value.length() > MAX_URL) {
			return null;
		}
		try {
			URI uri = new URI(value);
			return (uri.getScheme() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static boolean isLocal(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.")
				|| name.equals("[::1]") || name.equals("::1");
	}

	private static String msnOf(InitiatePaymentRequest request) {
		return (request != null && request.merchantInfo() != null) ? request.merchantInfo().merchantSerialNumber()
				: null;
	}

	private static String orderIdOf(InitiatePaymentRequest request) {
		return (request != null && request.transaction() != null) ? request.transaction().orderId() : null;
	}

	/**
	 * Collects the call's context so each failed rule becomes a complete exception.
	 */
	private record Check(VippsOperation operation, String msn, String orderId) {

		void that(boolean valid, String field, String message) {
			if (!valid) {
				throw new VippsValidationException(
						new VippsFailure(this.operation, this.msn, this.orderId, 0, null, field, message, null, null));
			}
		}

		void msn(String value) {
			that(value != null && MSN.matcher(value).matches(), "merchantSerialNumber",
					"merchantSerialNumber must be a string of 5-6 digits");
		}

		void orderId(String value) {
			that(value != null && ORDER_ID.matcher(value).matches(), "orderId",
					"orderId must match ^[a-zA-Z0-9-]{1,50}$");
		}

		void shippingCost(BigDecimal nok) {
			that(nok != null && nok.signum() >= 0 && nok.compareTo(MAX_SHIPPING_COST_NOK) <= 0
					&& nok.stripTrailingZeros().scale() <= 2, "shippingCost",
					"shippingCost is in NOK (not øre): 0 to " + MAX_SHIPPING_COST_NOK.toPlainString()
							+ " with at most two decimals, was " + ((nok != null) ? nok.toPlainString() : "null")
							+ "; build it with ShippingDetails.ofOre");
		}

		void transactionText(String value) {
			that(value != null && !value.isBlank() && value.length() <= MAX_TRANSACTION_TEXT, "transactionText",
					"transactionText is required, at most " + MAX_TRANSACTION_TEXT + " characters");
		}

	}

}
