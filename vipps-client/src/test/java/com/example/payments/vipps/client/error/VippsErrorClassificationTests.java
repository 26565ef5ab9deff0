package com.example.payments.vipps.client.error;

import java.time.Duration;

import com.example.payments.vipps.client.VippsOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VippsErrorClassification}: the outcome table, row by row, without HTTP
 * (the same rows run against the simulator in {@code VippsOutcomeTableIT}).
 *
 * @author vipps-client
 */
class VippsErrorClassificationTests {

	@ParameterizedTest(name = "HTTP {0} {1}/{2} -> {3} {4} {5}, person: {6}")
	@CsvSource({ "400, Payment, 41, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 42, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 43, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 44, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 45, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 51, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 52, UNKNOWN, READ_DETAILS_FIRST, PAYMENT, false",
			"400, Payment, 61, NOT_APPLIED, FIX_REQUEST, PAYMENT, true",
			"400, Payment, 62, NOT_APPLIED, WAIT_FOR_RESERVATION, PAYMENT, false",
			"400, Payment, 63, UNKNOWN, READ_DETAILS_FIRST, PAYMENT, false",
			"400, Payment, 71, NOT_APPLIED, FIX_REQUEST, PAYMENT, true",
			"400, Payment, 72, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 73, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 74, NOT_APPLIED, RETRY_SAME_KEY, PAYMENT, true",
			"400, Payment, 93, NOT_APPLIED, FIX_REQUEST, PAYMENT, true",
			"400, Payment, 95, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 98, NOT_APPLIED, GIVE_UP, PAYMENT, false",
			"400, Payment, 1082, NOT_APPLIED, GIVE_UP_TELL_PERSON, PAYMENT, true",
			"400, Merchant, 34, NOT_APPLIED, READ_DETAILS_FIRST, MERCHANT, false",
			"404, Merchant, 35, NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true",
			"403, Merchant, 37, NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true",
			"400, Merchant, 31, NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true",
			"403, Merchant, 51, NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true",
			"403, Merchant, 97, NOT_APPLIED, GIVE_UP_TELL_PERSON, MERCHANT, true",
			"400, User, 81, NOT_APPLIED, GIVE_UP, USER, false", "400, User, 82, NOT_APPLIED, GIVE_UP, USER, false",
			"400, VippsError, 91, NOT_APPLIED, GIVE_UP, VIPPS_INTERNAL, false",
			"400, VippsError, 92, NOT_APPLIED, READ_DETAILS_FIRST, VIPPS_INTERNAL, false",
			"400, VippsError, 93, NOT_APPLIED, FIX_REQUEST, VIPPS_INTERNAL, true",
			"409, VippsError, 94, NOT_APPLIED, RETRY_SAME_KEY, VIPPS_INTERNAL, false",
			"429, VippsError, 98, NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false",
			"400, VippsError, 98, NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false",
			"500, VippsError, 99, UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false",
			"400, VippsError, 99, UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false",
			"401, Authentication, 21, NOT_APPLIED, GIVE_UP_TELL_PERSON, AUTHENTICATION, true",
			"400, InvalidRequest, orderId, NOT_APPLIED, FIX_REQUEST, VALIDATION, true",
			"400, Payment, 53, NOT_APPLIED, GIVE_UP_TELL_PERSON, PAYMENT, true",
			"400, Teleport, 1, NOT_APPLIED, GIVE_UP_TELL_PERSON, VALIDATION, true",
			"401, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, AUTHENTICATION, true",
			"403, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, AUTHENTICATION, true",
			"404, , , NOT_APPLIED, GIVE_UP_TELL_PERSON, VALIDATION, true",
			"409, , , NOT_APPLIED, RETRY_SAME_KEY, VIPPS_INTERNAL, false",
			"429, , , NOT_APPLIED, WAIT_THEN_RETRY, RATE_LIMITED, false",
			"500, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false",
			"502, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false",
			"503, Payment, 42, UNKNOWN, READ_DETAILS_FIRST, PAYMENT, false",
			"504, InvalidRequest, amount, UNKNOWN, READ_DETAILS_FIRST, VALIDATION, false",
			"302, , , UNKNOWN, READ_DETAILS_FIRST, VIPPS_INTERNAL, false" })
	void classifiesEachRowOfTheTable(int status, String group, String code, String outcome, VippsNextStep nextStep,
			VippsErrorCategory category, boolean personMustAct) {
		VippsErrorClassification classification = VippsErrorClassification.of(VippsOperation.CAPTURE, status, group,
				code, null);
		assertThat(classification.mayHaveBeenApplied()).isEqualTo("UNKNOWN".equals(outcome));
		assertThat(classification.nextStep()).isEqualTo(nextStep);
		assertThat(classification.category()).isEqualTo(category);
		assertThat(classification.personMustAct()).isEqualTo(personMustAct);
	}

	@Test
	void keysCodesOnTheirGroup() {
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 400, "Payment", "98", null).nextStep())
			.isEqualTo(VippsNextStep.GIVE_UP);
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 400, "VippsError", "98", null).nextStep())
			.isEqualTo(VippsNextStep.WAIT_THEN_RETRY);
		assertThat(VippsErrorClassification.of(VippsOperation.CANCEL, 400, "Payment", "51", null).category())
			.isEqualTo(VippsErrorCategory.PAYMENT);
		assertThat(VippsErrorClassification.of(VippsOperation.INITIATE, 403, "Merchant", "51", null).nextStep())
			.isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
	}

	@Test
	void waitsForRetryAfterOrAWholeMinuteWhenThrottled() {
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 429, null, null, Duration.ofSeconds(7))
			.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 429, null, null, null).retryAfter())
			.as("not the 200 ms backoff: Vipps' limits count per minute")
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 400, "VippsError", "98", null).retryAfter())
			.isEqualTo(VippsErrorClassification.RATE_LIMIT_WINDOW);
		assertThat(VippsErrorClassification.of(VippsOperation.CAPTURE, 503, null, null, Duration.ofSeconds(7))
			.retryAfter()).as("only throttling carries a wait").isNull();
	}

	@ParameterizedTest
	@EnumSource(value = VippsOperation.class, names = { "INITIATE", "CAPTURE", "CANCEL", "REFUND" })
	void aTimeoutOrLostConnectionAfterWritingIsUnknownForEveryChange(VippsOperation operation) {
		VippsErrorClassification sent = VippsErrorClassification.transport(operation, true);
		assertThat(sent.mayHaveBeenApplied()).isTrue();
		assertThat(sent.nextStep()).isEqualTo(VippsNextStep.READ_DETAILS_FIRST);
		assertThat(sent.category()).isEqualTo(VippsErrorCategory.TRANSPORT);
		VippsErrorClassification notSent = VippsErrorClassification.transport(operation, false);
		assertThat(notSent.mayHaveBeenApplied()).isFalse();
		assertThat(notSent.nextStep()).isEqualTo(VippsNextStep.RETRY_SAME_KEY);
	}

	@ParameterizedTest
	@EnumSource(value = VippsOperation.class, names = { "ACCESS_TOKEN", "DETAILS" })
	void readsAreNeverUnknownOnlyRepeatedLater(VippsOperation operation) {
		for (VippsErrorClassification failure : new VippsErrorClassification[] {
				VippsErrorClassification.transport(operation, true),
				VippsErrorClassification.of(operation, 503, null, null, null),
				VippsErrorClassification.of(operation, 400, "VippsError", "99", null) }) {
			assertThat(failure.mayHaveBeenApplied()).isFalse();
			assertThat(failure.nextStep()).isEqualTo(VippsNextStep.RETRY_SAME_KEY);
			assertThat(failure.personMustAct()).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "53", "75", "76", "77", "96" })
	void sendsUndocumentedCodesToAPerson(String code) {
		VippsErrorClassification classification = VippsErrorClassification.of(VippsOperation.CAPTURE, 400, "Payment",
				code, null);
		assertThat(classification.mayHaveBeenApplied()).isFalse();
		assertThat(classification.nextStep()).isEqualTo(VippsNextStep.GIVE_UP_TELL_PERSON);
		assertThat(classification.personMustAct()).isTrue();
	}

	@Test
	void refusesInconsistentClassifications() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsErrorClassification(null, false, VippsNextStep.GIVE_UP, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsErrorClassification(VippsErrorCategory.PAYMENT, false, null, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsErrorClassification(VippsErrorCategory.PAYMENT, true, VippsNextStep.GIVE_UP,
					null, false))
			.withMessageContaining("/details");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VippsErrorClassification(VippsErrorCategory.RATE_LIMITED, false,
					VippsNextStep.WAIT_THEN_RETRY, null, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new VippsErrorClassification(VippsErrorCategory.PAYMENT,
				false, VippsNextStep.RETRY_SAME_KEY, Duration.ofSeconds(1), false));
	}

}
