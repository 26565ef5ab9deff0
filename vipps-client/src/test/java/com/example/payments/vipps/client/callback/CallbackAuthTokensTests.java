package com.example.payments.vipps.client.callback;

import com.example.payments.vipps.client.callback.CallbackAuthTokens.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CallbackAuthTokens}.
 */
class CallbackAuthTokensTests {

	private static final String OLD = "an-old-secret-of-at-least-32-bytes-long";

	private static final String NEW = "a-new-secret-of-at-least-32-bytes-long!";

	@Test
	void acceptsTheTokenItMadeForThePayment() {
		CallbackAuthTokens tokens = new CallbackAuthTokens(NEW, null);
		String token = tokens.tokenFor("123456", "acme-order-1");
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(tokens.verify("123456", "acme-order-1", token)).isEqualTo(Verdict.VALID);
	}

	@Test
	void makesTheSameTokenEveryTimeSoAnyInstanceCanVerifyIt() {
		assertThat(new CallbackAuthTokens(NEW, null).tokenFor("123456", "acme-order-1"))
			.isEqualTo(new CallbackAuthTokens(NEW, OLD).tokenFor("123456", "acme-order-1"));
	}

	@Test
	void refusesAnotherPaymentsToken() {
		CallbackAuthTokens tokens = new CallbackAuthTokens(NEW, null);
		String token = tokens.tokenFor("123456", "acme-order-1");
		assertThat(tokens.verify("123456", "acme-order-2", token)).isEqualTo(Verdict.WRONG);
		assertThat(tokens.verify("654321", "acme-order-1", token)).isEqualTo(Verdict.WRONG);
		// "12345:6..." and "123456:..." must not collide through the separator.
		assertThat(tokens.verify("12345", "6-acme-order-1", tokens.tokenFor("123456", "acme-order-1")))
			.isEqualTo(Verdict.WRONG);
	}

	@Test
	void acceptsTokensOfThePreviousSecretDuringRotationOnly() {
		String beforeRotation = new CallbackAuthTokens(OLD, null).tokenFor("123456", "acme-order-1");
		assertThat(new CallbackAuthTokens(NEW, OLD).verify("123456", "acme-order-1", beforeRotation))
			.isEqualTo(Verdict.VALID_PREVIOUS_SECRET);
		assertThat(new CallbackAuthTokens(NEW, null).verify("123456", "acme-order-1", beforeRotation))
			.isEqualTo(Verdict.WRONG);
	}

	@Test
	void tellsAMissingHeaderFromAWrongOne() {
		CallbackAuthTokens tokens = new CallbackAuthTokens(NEW, null);
		assertThat(tokens.verify("123456", "acme-order-1", null)).isEqualTo(Verdict.MISSING);
		assertThat(tokens.verify("123456", "acme-order-1", " ")).isEqualTo(Verdict.MISSING);
		assertThat(tokens.verify("123456", "acme-order-1", "Bearer not/base64url!")).isEqualTo(Verdict.WRONG);
		assertThat(Verdict.MISSING.accepted()).isFalse();
		assertThat(Verdict.WRONG.accepted()).isFalse();
		assertThat(Verdict.VALID_PREVIOUS_SECRET.accepted()).isTrue();
	}

	@Test
	void refusesShortOrRepeatedSecrets() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CallbackAuthTokens("too-short", null))
			.withMessageContaining("current callback secret must have at least 32 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new CallbackAuthTokens(NEW, "short"))
			.withMessageContaining("previous callback secret");
		assertThatIllegalArgumentException().isThrownBy(() -> new CallbackAuthTokens(NEW, NEW))
			.withMessageContaining("equals the current one");
	}

	@Test
	void neverPrintsItsSecrets() {
		assertThat(new CallbackAuthTokens(NEW, OLD).toString()).doesNotContain(NEW).doesNotContain(OLD);
	}

}
