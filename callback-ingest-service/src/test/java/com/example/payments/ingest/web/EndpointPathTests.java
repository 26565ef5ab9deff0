package com.example.payments.ingest.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EndpointPath}.
 */
class EndpointPathTests {

	@Test
	void takesThePathOfThePublicUrlTheCommandServiceSendsToVipps() {
		assertThat(EndpointPath.ofPrefix("p", "https://pay.example.com/vipps/callbacks").path())
			.isEqualTo("/vipps/callbacks");
		assertThat(EndpointPath.ofPrefix("p", "https://pay.example.com/vipps/callbacks/").path())
			.isEqualTo("/vipps/callbacks");
		assertThat(EndpointPath.ofPrefix("p", "https://pay.example.com").path()).isEmpty();
		assertThat(EndpointPath.ofPrefix("p", "/behind/a/proxy").path()).isEqualTo("/behind/a/proxy");
	}

	@Test
	void routesBothTheJoinAndTheDoubleSlashOfAPrefixEndingInASlash() {
		assertThat(new EndpointPath("/vipps").patterns("/v2/payments/{orderId}"))
			.containsExactly("/vipps/v2/payments/{orderId}", "/vipps//v2/payments/{orderId}");
	}

	@Test
	void splitsTheSecretSegmentOffTheConsentPrefix() {
		EndpointPath consent = EndpointPath.ofPrefix("p", "https://pay.example.com/vipps/consents/s3cr3t");
		assertThat(consent.lastSegment()).isEqualTo("s3cr3t");
		assertThat(consent.parent().path()).isEqualTo("/vipps/consents");
	}

	@Test
	void refusesWhatIsNeitherAnHttpUrlNorASafePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointPath.ofPrefix("ingest.x", null))
			.withMessageStartingWith("ingest.x is required");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointPath.ofPrefix("ingest.x", "ftp://host/x"))
			.withMessageStartingWith("ingest.x must be an http(s) URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EndpointPath.ofPrefix("ingest.x", "https://host/x?secret=1"))
			.withMessageStartingWith("ingest.x must be an http(s) URL");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointPath.ofPrefix("ingest.x", "/a/{b}"))
			.withMessageStartingWith("ingest.x: an endpoint path must be");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointPath.ofPrefix("ingest.x", "/a//b"))
			.withMessageStartingWith("ingest.x: an endpoint path must be");
	}

}
