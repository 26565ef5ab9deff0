package com.example.payments.vipps.client.callback;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.payments.vipps.client.model.ShippingDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ShippingCostAndMethod} and {@link FetchShippingCostResponse}: the
 * shipping-details call of an express checkout, read and answered with the client's JSON
 * mapping.
 *
 * @author vipps-client
 */
class ShippingDetailsCallTests {

	@Test
	void readsTheGuidesShippingDetailsRequest() {
		ShippingCostAndMethod request = parse("""
				{"addressId": 1, "addressLine1": "Dronning Eufemias gate 42", "addressLine2": "Att: Rune Garborg",
				 "city": "Oslo", "country": "Norway", "postCode": "0191", "addressType": "H", "extra": true}""");
		assertThat(request).isEqualTo(new ShippingCostAndMethod(1, "Dronning Eufemias gate 42", "Att: Rune Garborg",
				"Oslo", "Norway", "0191", "H"));
		assertThat(request.toString()).doesNotContain("Eufemias", "Garborg");
	}

	@Test
	void takesTheSpecsDefaultCountryWhenItIsMissing() {
		assertThat(parse("{\"addressId\": 100, \"postCode\": \"0154\"}").country()).isEqualTo("NO");
	}

	@Test
	void rejectsRequestsWithoutWhatAnAnswerNeeds() {
		assertRejected("", "the shipping-details request has no body");
		assertRejected("{\"addressId\": 1", "the shipping-details request body is not JSON");
		assertRejected("[1]", "the shipping-details request body is not a JSON object");
		assertRejected("{\"postCode\": \"0154\"}", "addressId must be an integer");
		assertRejected("{\"addressId\": \"1\", \"postCode\": \"0154\"}", "addressId must be an integer");
		assertRejected("{\"addressId\": 1.5, \"postCode\": \"0154\"}", "addressId must be an integer");
		assertRejected("{\"addressId\": 1}", "postCode must be a non-blank string");
		assertRejected("{\"addressId\": 1, \"postCode\": 154}", "postCode must be a non-blank string");
		assertRejected("{\"addressId\": 1, \"postCode\": \"0154\", \"country\": [\"NO\"]}", "country must be a string");
	}

	@Test
	void answersWithNokCostsAndLeavesOutAMissingPriority() {
		FetchShippingCostResponse answer = new FetchShippingCostResponse(3960, "acme-order-1",
				List.of(ShippingDetails.ofOre(true, 1, 4900, "Posten Servicepakke", "posten"),
						new ShippingDetails("N", null, ShippingDetails.ofOre(false, 0, 12950, "x", "y").shippingCost(),
								"Home delivery", "home")));
		assertThat(new String(answer.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"addressId\":3960,"
				+ "\"orderId\":\"acme-order-1\",\"shippingDetails\":[{\"isDefault\":\"Y\",\"priority\":1,"
				+ "\"shippingCost\":49.00,\"shippingMethod\":\"Posten Servicepakke\",\"shippingMethodId\":\"posten\"},"
				+ "{\"isDefault\":\"N\",\"shippingCost\":129.50,\"shippingMethod\":\"Home delivery\","
				+ "\"shippingMethodId\":\"home\"}]}");
	}

	private static void assertRejected(String body, String message) {
		assertThatExceptionOfType(InvalidCallbackException.class).isThrownBy(() -> parse(body)).withMessage(message);
	}

	private static ShippingCostAndMethod parse(String body) {
		return ShippingCostAndMethod.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
