package com.example.payments.ingest.consent.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import com.example.payments.ingest.domain.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConsentGate} and {@link SourceAllowlist}.
 */
class ConsentGateTests {

	private static final String CURRENT = "currentConsentSecret0123456789abcdef";

	private static final String PREVIOUS = "previousConsentSecret0123456789abcde";

	@Test
	void admitsTheCurrentAndPreviousSecretsOnly() {
		ConsentGate gate = new ConsentGate(List.of(CURRENT, PREVIOUS), SourceAllowlist.of(List.of()));
		assertThat(gate.admit(CURRENT, address("198.51.100.1"), "uiJ/skNQ6+qNN1iwN891uuob==")).isEmpty();
		assertThat(gate.admit(PREVIOUS, null, "u1")).isEmpty();
		assertRefused(gate.admit(CURRENT.substring(1), null, "u1"), Refusal.Reason.WRONG_SECRET);
		assertRefused(gate.admit(null, null, "u1"), Refusal.Reason.WRONG_SECRET);
	}

	@Test
	void refusesCallersOutsideTheAllowlistBeforeLookingAtTheSecret() {
		ConsentGate gate = new ConsentGate(List.of(CURRENT),
				SourceAllowlist.of(List.of("192.0.2.0/24", "2001:db8::/32")));
		assertThat(gate.admit(CURRENT, address("192.0.2.200"), "u1")).isEmpty();
		assertThat(gate.admit(CURRENT, address("2001:db8:1::7"), "u1")).isEmpty();
		assertRefused(gate.admit(CURRENT, address("192.0.3.1"), "u1"), Refusal.Reason.SOURCE_NOT_ALLOWED);
		assertRefused(gate.admit("wrong", address("203.0.113.9"), "u1"), Refusal.Reason.SOURCE_NOT_ALLOWED);
		assertRefused(gate.admit(CURRENT, null, "u1"), Refusal.Reason.SOURCE_NOT_ALLOWED);
	}

	@Test
	void refusesUserIdsThatCannotBeVipps() {
		ConsentGate gate = new ConsentGate(List.of(CURRENT), SourceAllowlist.of(List.of()));
		assertRefused(gate.admit(CURRENT, null, ""), Refusal.Reason.INVALID_USER_ID);
		assertRefused(gate.admit(CURRENT, null, "a b"), Refusal.Reason.INVALID_USER_ID);
		assertRefused(gate.admit(CURRENT, null, "a\nb"), Refusal.Reason.INVALID_USER_ID);
		assertRefused(gate.admit(CURRENT, null, "x".repeat(101)), Refusal.Reason.INVALID_USER_ID);
	}

	@Test
	void matchesCidrBlocksBitByBit() {
		SourceAllowlist list = SourceAllowlist.of(List.of("10.0.0.0/9", "127.0.0.1"));
		assertThat(list.allows(address("10.127.255.255"))).isTrue();
		assertThat(list.allows(address("10.128.0.0"))).isFalse();
		assertThat(list.allows(address("127.0.0.1"))).isTrue();
		assertThat(list.allows(address("127.0.0.2"))).isFalse();
		assertThat(list.allows(address("::1"))).isFalse();
		assertThat(SourceAllowlist.of(List.of()).allowsEveryone()).isTrue();
	}

	@Test
	void refusesBlocksThatAreNoIpLiterals() {
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAllowlist.of(List.of("vipps.no")))
			.withMessageContaining("'vipps.no' is not an IP address");
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAllowlist.of(List.of("10.0.0.0/33")))
			.withMessageContaining("prefix length");
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAllowlist.of(List.of("10.0.0.0/x")))
			.withMessageContaining("prefix length");
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static void assertRefused(Optional<Refusal> refusal, Refusal.Reason reason) {
		assertThat(refusal).hasValueSatisfying((refused) -> assertThat(refused.reason()).isEqualTo(reason));
	}

}
