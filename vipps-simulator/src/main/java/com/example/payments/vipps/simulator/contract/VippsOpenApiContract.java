package com.example.payments.vipps.simulator.contract;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatedAnswer;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.ResolverFully;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates recorded exchanges against Vipps' OpenAPI spec ({@code swagger.yaml} +
 * {@code ms_import.yaml}), read from the shared spec directory - never a copy.
 * <p>
 * Tolerated, documented deviations where the simulator follows the guide (see the
 * README): callbacks carry the MSN as a JSON number; {@code RESERVE_FAILED} and
 * {@code SALE_FAILED} callback statuses; the express callback address uses
 * {@code zipCode} and {@code country: "NO"}; {@code userDetails} in the callback of a
 * regular payment with {@code scope}; gateway errors (401, 429) in the APIM
 * {@code {statusCode, message}} shape; an express callback that matches both
 * {@code oneOf} branches (the spec's schemas overlap); {@code "[Expired]"} personal
 * values in /details seven days after the reservation; no {@code Authorization} on a
 * callback or shipping-details call when the initiate gave no {@code authToken} (when it
 * gave one, the call must carry exactly it). Calls to merchants are checked against
 * {@code ms_import.yaml} itself, whose {@code ShippingCost} is at least 1.00 (0.00 in
 * {@code swagger.yaml}). The access-token endpoint is not in the spec and is skipped.
 */
public final class VippsOpenApiContract {

	/** Injected answer bodies that are off the spec by design. */
	private static final Set<SimulatedAnswer.BodyShape> OFF_SPEC_BODIES = Set.of(SimulatedAnswer.BodyShape.EMPTY,
			SimulatedAnswer.BodyShape.HTML, SimulatedAnswer.BodyShape.ODD_TIMESTAMPS, SimulatedAnswer.BodyShape.APIM);

	/**
	 * System property naming the spec directory.
	 */
	public static final String DIRECTORY_PROPERTY = "vipps.openapi.dir";

	/**
	 * Environment variable naming the spec directory.
	 */
	public static final String DIRECTORY_ENV = "VIPPS_OPENAPI_DIR";

	private final OpenApiInteractionValidator validator;

	private final OpenApiInteractionValidator merchantValidator;

	private final Path specification;

	private VippsOpenApiContract(Path specification) {
		this.specification = specification;
		this.validator = validatorFor(specification);
		// swagger.yaml imports the merchant endpoints from ms_import.yaml, but its
		// schemas win where names collide: ShippingCost has minimum 0.00 in swagger.yaml
		// and 1.00 in ms_import.yaml. Calls to merchants are checked against
		// ms_import.yaml itself.
		this.merchantValidator = validatorFor(specification.resolveSibling("ms_import.yaml"));
	}

	private static OpenApiInteractionValidator validatorFor(Path file) {
		// swagger.yaml repeats an operationId (its two inline callbacks), which the
		// strict loader refuses; the parser itself reads it fine, so parse first and hand
		// over the model.
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
		OpenAPI api = parsed.getOpenAPI();
		if (api == null) {
			throw new IllegalStateException("Cannot parse " + file + ": " + parsed.getMessages());
		}
		tolerateDocumentedDeviations(api);
		new ResolverFully().resolveFully(api);
		return OpenApiInteractionValidator.createFor(api).build();
	}

	/**
	 * Widens the spec, in memory, exactly where the guide contradicts it and the
	 * simulator follows the guide (README: "Known differences between the spec and the
	 * guide").
	 * @param api the parsed spec
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void tolerateDocumentedDeviations(OpenAPI api) {
		api.getComponents().getSchemas().forEach((name, schema) -> {
			Map<String, Schema> properties = schema.getProperties();
			if (properties == null) {
				return;
			}
			if (name.startsWith("AddressExpress")) {
				// `required` names postCode while the property (and the guide) is
				// zipCode.
				properties.put("postCode", new StringSchema());
				Schema country = properties.get("country");
				if (country != null && country.getEnum() != null) {
					country.addEnumItemObject("NO");
				}
			}
			Schema status = properties.get("status");
			if (name.startsWith("CallbackTransactionInfo") && status != null && status.getEnum() != null) {
				// The guide's callback statuses include the failures the enums omit.
				status.addEnumItemObject("RESERVE_FAILED");
				status.addEnumItemObject("SALE_FAILED");
			}
			Schema addressType = properties.get("addressType");
			if (name.startsWith("ShippingCostAndMethod") && addressType != null) {
				// The pattern '^\\[A-Z]$' matches no letter; the enum H/W/O still
				// applies.
				addressType.setPattern(null);
			}
		});
	}

	/**
	 * Loads the spec from {@code -Dvipps.openapi.dir}, else {@code VIPPS_OPENAPI_DIR},
	 * else {@code ../shared/vipps-openapi} next to the repository root.
	 * @return the contract
	 * @throws IllegalStateException when the spec cannot be found, saying where it looked
	 */
	public static VippsOpenApiContract load() {
		VippsOpenApiSpecSearch search = VippsOpenApiSpecSearch.run();
		if (search.directory() == null) {
			throw new IllegalStateException(search.notFound());
		}
		return load(search.directory());
	}

	/**
	 * Loads the spec from a directory.
	 * @param directory the directory holding swagger.yaml and ms_import.yaml
	 * @return the contract
	 */
	public static VippsOpenApiContract load(Path directory) {
		Path swagger = directory.resolve("swagger.yaml").toAbsolutePath().normalize();
		if (!Files.isRegularFile(swagger) || !Files.isRegularFile(directory.resolve("ms_import.yaml"))) {
			throw new IllegalStateException("Vipps OpenAPI spec missing: expected swagger.yaml and ms_import.yaml in "
					+ directory.toAbsolutePath());
		}
		return new VippsOpenApiContract(swagger);
	}

	public Path specification() {
		return this.specification;
	}

	/**
	 * Every violation in the exchanges: requests and responses of API calls, callbacks,
	 * shipping-details and consent-removal calls and their answers.
	 * @param exchanges recorded exchanges
	 * @return human-readable violations, empty when all match
	 */
	public List<String> violations(List<RecordedExchange> exchanges) {
		return violations(exchanges, true);
	}

	/**
	 * Violations in what the simulator produced: its answers to API calls and the
	 * requests it sent to merchants. Use it when a test sends bad requests on purpose.
	 * @param exchanges recorded exchanges
	 * @return violations
	 */
	public List<String> simulatorViolations(List<RecordedExchange> exchanges) {
		return violations(exchanges, false);
	}

	/**
	 * Like {@link #violations(List)}, except that of an exchange whose answer the
	 * simulator broke on purpose (an injected {@code EMPTY}, {@code HTML},
	 * {@code ODD_TIMESTAMPS} or {@code APIM} body) only the request is checked: such an
	 * answer is off the spec by design. For tests that inject broken answers.
	 * @param exchanges recorded exchanges
	 * @return violations, empty when all match
	 */
	public List<String> violationsExceptBrokenAnswers(List<RecordedExchange> exchanges) {
		return violations(exchanges.stream()
			.map((exchange) -> brokenOnPurpose(exchange) ? requestOnly(exchange) : exchange)
			.toList(), true);
	}

	private static boolean brokenOnPurpose(RecordedExchange exchange) {
		String fault = exchange.injectedFault();
		return fault != null && OFF_SPEC_BODIES.stream().anyMatch((shape) -> fault.endsWith(":" + shape.name()));
	}

	private static RecordedExchange requestOnly(RecordedExchange exchange) {
		return new RecordedExchange(exchange.sequence(), exchange.at(), exchange.kind(), exchange.msn(),
				exchange.orderId(), exchange.method(), exchange.url(), exchange.requestHeaders(),
				exchange.requestBody(), -1, Map.of(), "", exchange.latency(), exchange.error(),
				exchange.injectedFault());
	}

	private List<String> violations(List<RecordedExchange> exchanges, boolean includeOtherSide) {
		Map<String, String> authTokens = authTokens(exchanges);
		List<String> violations = new ArrayList<>();
		for (RecordedExchange exchange : exchanges) {
			violations.addAll(violations(exchange, includeOtherSide));
			String authorization = authorizationViolation(exchange, authTokens);
			if (authorization != null) {
				violations.add(authorization);
			}
		}
		return violations;
	}

	/**
	 * The {@code authToken} of every successful initiate among the exchanges, by (MSN,
	 * orderId).
	 * @param exchanges the exchanges
	 * @return the tokens
	 */
	private static Map<String, String> authTokens(List<RecordedExchange> exchanges) {
		Map<String, String> tokens = new HashMap<>();
		for (RecordedExchange exchange : exchanges) {
			if (exchange.kind() != Kind.INITIATE || exchange.status() != 200) {
				continue;
			}
			try {
				JsonNode token = VippsPayloads.parse(exchange.requestBody()).path("merchantInfo").path("authToken");
				if (token.isString()) {
					tokens.put(exchange.msn() + ":" + exchange.orderId(), token.asString());
				}
			}
			catch (RuntimeException ex) {
				// Not JSON: reported by the request check.
			}
		}
		return tokens;
	}

	/**
	 * The spec marks {@code Authorization} required on the callback, but OpenAPI ignores
	 * header parameters named Authorization, and {@code authToken} is optional. So: a
	 * callback or shipping-details call must carry exactly the authToken of its initiate
	 * when one was given (and that initiate is among the exchanges); without one, no
	 * header is expected.
	 * @param exchange an exchange
	 * @param authTokens the tokens given at initiation
	 * @return the violation or null
	 */
	private static String authorizationViolation(RecordedExchange exchange, Map<String, String> authTokens) {
		if (exchange.kind() != Kind.CALLBACK && exchange.kind() != Kind.SHIPPING_DETAILS) {
			return null;
		}
		if (exchange.injectedFault() != null && exchange.injectedFault().startsWith("MERCHANT_FAILS")) {
			return null;
		}
		String expected = authTokens.get(exchange.msn() + ":" + exchange.orderId());
		if (expected == null || expected.equals(exchange.requestHeader("Authorization"))) {
			return null;
		}
		return exchange.kind() + " " + exchange.method() + " " + exchange.url() + " (request): Authorization must be "
				+ "the authToken given at initiation, was "
				+ ((exchange.requestHeader("Authorization") != null) ? "a different value" : "missing");
	}

	private List<String> violations(RecordedExchange exchange, boolean includeOtherSide) {
		if (exchange.kind() == Kind.ACCESS_TOKEN || exchange.kind() == Kind.UNKNOWN) {
			return List.of();
		}
		if (exchange.outbound() && exchange.injectedFault() != null
				&& exchange.injectedFault().startsWith("MERCHANT_FAILS")) {
			// Nothing was sent: the simulator stood in for a failing merchant.
			return List.of();
		}
		String path = specPath(exchange);
		Request.Method method = Request.Method.valueOf(exchange.method());
		List<String> found = new ArrayList<>();
		boolean validateRequest = exchange.outbound() || includeOtherSide;
		boolean validateResponse = (!exchange.outbound() || includeOtherSide) && exchange.status() > 0;
		if (validateRequest) {
			SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
			exchange.requestHeaders().forEach((name, values) -> request.withHeader(name, values));
			if (exchange.outbound() && exchange.requestHeader("Authorization") == null) {
				// Required by the spec, but authToken is optional: checked against the
				// initiate by authorizationViolation instead.
				request.withHeader("Authorization", "no-authToken-given");
			}
			if (!exchange.requestBody().isEmpty()) {
				request.withBody(exchange.outbound() ? tolerated(exchange) : exchange.requestBody());
			}
			report(found, exchange, "request", validator(exchange).validateRequest(request.build()));
		}
		if (validateResponse && !(exchange.outbound() && exchange.kind() != Kind.SHIPPING_DETAILS)) {
			if (isGatewayError(exchange)) {
				return found;
			}
			SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
			exchange.responseHeaders().forEach((name, values) -> response.withHeader(name, values));
			if (!exchange.responseBody().isEmpty()) {
				response.withBody((exchange.kind() == Kind.DETAILS) ? toleratedDetails(exchange.responseBody())
						: exchange.responseBody());
			}
			report(found, exchange, "response", validator(exchange).validateResponse(path, method, response.build()));
		}
		return found;
	}

	private OpenApiInteractionValidator validator(RecordedExchange exchange) {
		return exchange.outbound() ? this.merchantValidator : this.validator;
	}

	private static void report(List<String> found, RecordedExchange exchange, String side, ValidationReport report) {
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() != ValidationReport.Level.ERROR) {
				continue;
			}
			if (exchange.kind() == Kind.CALLBACK && message.getKey().contains("oneOf")
					&& message.getMessage().contains("more than one")) {
				continue;
			}
			StringBuilder text = new StringBuilder(
					exchange.kind() + " " + exchange.method() + " " + exchange.url() + " -> " + exchange.status() + " ("
							+ side + "): [" + message.getKey() + "] " + message.getMessage());
			for (ValidationReport.Message nested : message.getNestedMessages()) {
				text.append("; ").append(nested.getMessage());
			}
			for (String info : message.getAdditionalInfo()) {
				text.append("; ").append(info);
			}
			found.add(text.toString());
		}
	}

	private static String specPath(RecordedExchange exchange) {
		return switch (exchange.kind()) {
			case CALLBACK -> "/callbackPrefix/v2/payments/" + exchange.orderId();
			case SHIPPING_DETAILS -> "/shippingDetailsPrefix/v2/payments/" + exchange.orderId() + "/shippingDetails";
			case CONSENT_REMOVAL ->
				"/consentRemovalPrefix/v2/consents/" + exchange.url().substring(exchange.url().lastIndexOf('/') + 1);
			default -> URI.create(exchange.url()).getRawPath();
		};
	}

	private static boolean isGatewayError(RecordedExchange exchange) {
		if (exchange.status() != 401 && exchange.status() != 429) {
			return false;
		}
		try {
			JsonNode body = VippsPayloads.parse(exchange.responseBody());
			return body.isObject() && body.has("statusCode") && body.has("message") && body.size() == 2;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The /details body with {@code "[Expired]"} personal values (guide §1.6) replaced by
	 * values the spec's patterns and enums accept; every other value is checked as sent.
	 * @param responseBody the /details answer
	 * @return the body to validate
	 */
	private static String toleratedDetails(String responseBody) {
		JsonNode parsed;
		try {
			parsed = VippsPayloads.parse(responseBody);
		}
		catch (RuntimeException ex) {
			return responseBody;
		}
		if (!(parsed instanceof ObjectNode body)) {
			return responseBody;
		}
		if (body.get("userDetails") instanceof ObjectNode user) {
			unexpire(user, Map.of("mobileNumber", "00000000", "userId", "expired"));
		}
		if (body.path("shippingDetails").get("address") instanceof ObjectNode address) {
			unexpire(address, Map.of("country", "Norway"));
		}
		return body.toString();
	}

	private static void unexpire(ObjectNode values, Map<String, String> placeholders) {
		for (String name : List.copyOf(values.propertyNames())) {
			if (VippsPayloads.EXPIRED.equals(values.get(name).asString(""))) {
				values.put(name, placeholders.getOrDefault(name, "expired"));
			}
		}
	}

	/**
	 * The callback body with the guide-over-spec deviations mapped back to spec form.
	 * @param exchange an outbound exchange
	 * @return the body to validate
	 */
	private static String tolerated(RecordedExchange exchange) {
		if (exchange.kind() != Kind.CALLBACK) {
			return exchange.requestBody();
		}
		JsonNode parsed;
		try {
			parsed = VippsPayloads.parse(exchange.requestBody());
		}
		catch (RuntimeException ex) {
			return exchange.requestBody();
		}
		if (!(parsed instanceof ObjectNode body)) {
			return exchange.requestBody();
		}
		JsonNode msn = body.get("merchantSerialNumber");
		if (msn != null && msn.isIntegralNumber()) {
			body.put("merchantSerialNumber", msn.asString());
		}
		if (body.has("userDetails") && !body.has("shippingDetails")) {
			// A regular payment with `scope`: the guide says its callback carries
			// userDetails like express; the spec's regular schema has no such property.
			body.remove("userDetails");
		}
		if (body.get("shippingDetails") instanceof ObjectNode shipping
				&& shipping.get("address") instanceof ObjectNode address && address.has("zipCode")
				&& !address.has("postCode")) {
			// Satisfies the spec's `required: postCode` without hiding the guide's
			// zipCode.
			address.put("postCode", address.get("zipCode").asString());
		}
		return body.toString();
	}

}
