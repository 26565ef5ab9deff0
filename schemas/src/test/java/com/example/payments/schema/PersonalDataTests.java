package com.example.payments.schema;

import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.consent.ConsentRevoked;
import com.example.payments.schema.event.PaymentEvent;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.schema.shipping.ExpressShippingRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersonalData}.
 */
class PersonalDataTests {

	@Test
	void listsPersonalFieldsOfPaymentEvent() {
		assertThat(PersonalData.fieldPaths(PaymentEvent.getClassSchema())).containsExactly(
				"event[ShippingSelected].deliveryAddress",
				"event[ShippingSelected].deliveryAddress[Address].addressLine1",
				"event[ShippingSelected].deliveryAddress[Address].addressLine2",
				"event[ShippingSelected].deliveryAddress[Address].city",
				"event[ShippingSelected].deliveryAddress[Address].postCode", "event[UserDetailsShared].userId",
				"event[UserDetailsShared].firstName", "event[UserDetailsShared].lastName",
				"event[UserDetailsShared].email", "event[UserDetailsShared].mobileNumber",
				"event[UserDetailsShared].sub");
	}

	@Test
	void listsPersonalFieldsOfOtherTopLevelSchemas() {
		assertThat(PersonalData.fieldPaths(PaymentCommand.getClassSchema()))
			.containsExactly("command[InitiatePayment].customerMobileNumber");
		assertThat(PersonalData.fieldPaths(ConsentRevoked.getClassSchema())).containsExactly("userId");
		assertThat(PersonalData.fieldPaths(ExpressShippingRules.getClassSchema())).isEmpty();
	}

	@Test
	void masksUserDetailsButKeepsPaymentIdentity() {
		PaymentEvent event = ContractFixtures.userDetailsShared();
		String masked = PersonalData.toMaskedString(event);
		assertThat(masked).doesNotContain("Ada", "Lovelace", "user@example.com", "12345678", "uiJskNQ6qNN1iwN891uuob")
			.contains("\"orderId\": \"acme-shop-123-order124\"", "\"merchantSerialNumber\": \"123456\"",
					"\"email\": \"***\"", "\"source\": \"CALLBACK\"", "\"occurredAt\": \"2026-01-15T10:15:30.123Z\"");
		// The unmasked rendering really did contain the data, so the assertion above can
		// fail.
		assertThat(event.toString()).contains("user@example.com");
	}

	@Test
	void masksWholeDeliveryAddress() {
		String masked = PersonalData.toMaskedString(ContractFixtures.shippingSelected());
		assertThat(masked).doesNotContain("Dronning", "Garborg", "OSLO", "0191")
			.contains("\"deliveryAddress\": \"***\"", "\"shippingCost\": 9900");
	}

	@Test
	void masksMobileNumberInsideCommandUnionAndKeepsNestedLists() {
		String masked = PersonalData.toMaskedString(ContractFixtures.expressInitiate());
		assertThat(masked).doesNotContain("91234567")
			.contains("\"customerMobileNumber\": \"***\"", "\"from\": \"0001\"", "\"shippingMethodId\": \"posten-sp\"");
	}

	@Test
	void leavesAbsentPersonalValuesNull() {
		UserDetailsShared details = UserDetailsShared.newBuilder().setUserId("1234567").build();
		assertThat(PersonalData.toMaskedString(details)).isEqualTo(
				"{\"userId\": \"***\", \"firstName\": null, \"lastName\": null, \"email\": null, \"mobileNumber\": null, \"sub\": null}");
	}

	@Test
	void escapesTextSoOutputStaysParseable() {
		ConsentRevoked consent = ConsentRevoked.newBuilder()
			.setEventId("id \"1\"\n")
			.setUserId("u")
			.setRevokedAt(ContractFixtures.NOW)
			.setRecordedAt(ContractFixtures.NOW)
			.build();
		assertThat(PersonalData.toMaskedString(consent))
			.startsWith("{\"eventId\": \"id \\\"1\\\"\\n\", \"userId\": \"***\"");
	}

}
