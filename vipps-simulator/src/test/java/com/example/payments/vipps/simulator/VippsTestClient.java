package com.example.payments.vipps.simulator;

import java.time.Duration;
import java.util.Map;

import com.example.payments.vipps.simulator.engine.VippsPayloads;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls the simulator over real HTTP the way a merchant would.
 */
final class VippsTestClient {

	private final WebTestClient http;

	private final String subscriptionKey;

	private final String msnHeader;

	private String token;

	VippsTestClient(VippsSimulator sim, String clientId, String clientSecret, String subscriptionKey,
			String msnHeader) {
		this.http = WebTestClient.bindToServer().baseUrl(sim.baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
		this.subscriptionKey = subscriptionKey;
		this.msnHeader = msnHeader;
		Result result = token(clientId, clientSecret, subscriptionKey);
		if (result.status() != 200) {
			throw new IllegalStateException("token: " + result);
		}
		this.token = result.json().get("access_token").asString();
	}

	WebTestClient http() {
		return this.http;
	}

	Result token(String clientId, String clientSecret, String key) {
		return result(this.http.post()
			.uri("/accesstoken/get")
			.header("client_id", clientId)
			.header("client_secret", clientSecret)
			.header("Ocp-Apim-Subscription-Key", key)
			.exchange()
			.expectBody(String.class)
			.returnResult());
	}

	void useToken(String token) {
		this.token = token;
	}

	Result initiate(String body) {
		return call(HttpMethod.POST, "/ecomm/v2/payments", body, null);
	}

	Result initiate(String msn, String orderId, long amount, String callbackPrefix) {
		return initiate(regular(msn, orderId, amount, callbackPrefix));
	}

	Result capture(String orderId, String msn, Long amount, String requestId) {
		return call(HttpMethod.POST, "/ecomm/v2/payments/" + orderId + "/capture", action(msn, amount, "Shipped"),
				requestId);
	}

	Result refund(String orderId, String msn, Long amount, String requestId) {
		return call(HttpMethod.POST, "/ecomm/v2/payments/" + orderId + "/refund", action(msn, amount, "Refund"),
				requestId);
	}

	Result cancel(String orderId, String msn, boolean release) {
		return call(HttpMethod.PUT, "/ecomm/v2/payments/" + orderId + "/cancel",
				"{\"merchantInfo\":{\"merchantSerialNumber\":\"" + msn
						+ "\"},\"transaction\":{\"transactionText\":\"Cancelled\"},\"shouldReleaseRemainingFunds\":"
						+ release + "}",
				null);
	}

	Result details(String orderId) {
		return call(HttpMethod.GET, "/ecomm/v2/payments/" + orderId + "/details", null, null);
	}

	Result forceApprove(String orderId, String token) {
		return forceApprove(orderId, token, "91234567");
	}

	Result forceApprove(String orderId, String token, String customerPhoneNumber) {
		return call(HttpMethod.POST, "/ecomm/v2/integration-test/payments/" + orderId + "/approve",
				"{\"customerPhoneNumber\":\"" + customerPhoneNumber + "\",\"token\":\"" + token + "\"}", null);
	}

	Result call(HttpMethod method, String path, String body, String requestId) {
		return call(method, path, body, requestId, Map.of());
	}

	Result call(HttpMethod method, String path, String body, String requestId, Map<String, String> headers) {
		WebTestClient.RequestBodySpec spec = this.http.method(method)
			.uri(path)
			.header("Authorization", "Bearer " + this.token)
			.header("Ocp-Apim-Subscription-Key", this.subscriptionKey)
			.header("Vipps-System-Name", "acme");
		if (this.msnHeader != null) {
			spec.header("Merchant-Serial-Number", this.msnHeader);
		}
		if (requestId != null) {
			spec.header("X-Request-Id", requestId);
		}
		spec.headers((all) -> headers.forEach(all::set));
		if (body != null) {
			spec.contentType(MediaType.parseMediaType("application/json;charset=UTF-8")).bodyValue(body);
		}
		return result(spec.exchange().expectBody(String.class).returnResult());
	}

	static String regular(String msn, String orderId, long amount, String callbackPrefix) {
		return "{\"customerInfo\":{},\"merchantInfo\":{\"merchantSerialNumber\":\"" + msn + "\",\"callbackPrefix\":\""
				+ callbackPrefix + "\",\"fallBack\":\"https://shop.example.com/result/" + orderId
				+ "\",\"authToken\":\"secret-" + orderId + "\"},\"transaction\":{\"orderId\":\"" + orderId
				+ "\",\"amount\":" + amount + ",\"transactionText\":\"One pair of socks\"}}";
	}

	static String express(String msn, String orderId, long amount, String prefix, boolean staticShipping) {
		String shipping = staticShipping
				? ",\"staticShippingDetails\":[{\"isDefault\":\"Y\",\"priority\":1,\"shippingCost\":99.0,\"shippingMethod\":\"Posten Servicepakke\",\"shippingMethodId\":\"posten-sp\"},"
						+ "{\"isDefault\":\"N\",\"priority\":2,\"shippingCost\":199.0,\"shippingMethod\":\"Home delivery\",\"shippingMethodId\":\"home\"}]"
				: ",\"shippingDetailsPrefix\":\"" + prefix + "\"";
		return "{\"customerInfo\":{},\"merchantInfo\":{\"merchantSerialNumber\":\"" + msn
				+ "\",\"paymentType\":\"eComm Express Payment\",\"callbackPrefix\":\"" + prefix
				+ "\",\"consentRemovalPrefix\":\"" + prefix + "/consents\",\"fallBack\":\"https://shop.example.com/r\""
				+ ",\"authToken\":\"secret-" + orderId + "\"" + shipping + "},\"transaction\":{\"orderId\":\"" + orderId
				+ "\",\"amount\":" + amount + ",\"transactionText\":\"Socks\"}}";
	}

	private static String action(String msn, Long amount, String text) {
		return "{\"merchantInfo\":{\"merchantSerialNumber\":\"" + msn + "\"},\"transaction\":{"
				+ ((amount != null) ? "\"amount\":" + amount + "," : "") + "\"transactionText\":\"" + text + "\"}}";
	}

	private static Result result(EntityExchangeResult<String> result) {
		String body = result.getResponseBody();
		return new Result(result.getStatus().value(), (body != null) ? body : "",
				result.getResponseHeaders().getFirst("Retry-After"),
				result.getResponseHeaders().getFirst("Vipps-Simulator-Version"));
	}

	record Result(int status, String body, String retryAfter, String version) {

		JsonNode json() {
			return VippsPayloads.parse(this.body);
		}

		String errorCode() {
			return json().get(0).get("errorCode").asString();
		}

		String errorGroup() {
			return json().get(0).get("errorGroup").asString();
		}

	}

}
