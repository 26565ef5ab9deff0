package com.example.payments.ingest.consent.domain;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import com.example.payments.ingest.domain.Refusal;
import com.example.payments.ingest.domain.Refusal.Reason;

/**
 * Decides whether a consent-removal call may be acted on. Vipps sends no
 * {@code Authorization} header on it (none is documented), so the call is authenticated
 * by a secret path segment at the end of the {@code consentRemovalPrefix} the command
 * service gives Vipps at initiation, compared in constant time with the current secret
 * and any previous ones (Vipps keeps the prefix of every payment it was given, for as
 * long as users may withdraw consent), and optionally by an allowlist of Vipps' servers.
 * <p>
 * The user id is checked loosely on purpose: erasing personal data is the point of the
 * call, and a user id slightly off the spec's pattern still has to reach those who store
 * that user's data.
 */
public final class ConsentGate {

	/** A user id is at most 50 characters (spec); twice that is surely not one. */
	static final int MAX_USER_ID_LENGTH = 100;

	private final List<byte[]> secrets;

	private final SourceAllowlist allowlist;

	/**
	 * A gate.
	 * @param secrets the current secret segment, then previous ones
	 * @param allowlist the addresses allowed to call
	 */
	public ConsentGate(List<String> secrets, SourceAllowlist allowlist) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("at least one consent-removal secret is required");
		}
		this.secrets = secrets.stream().map((secret) -> secret.getBytes(StandardCharsets.UTF_8)).toList();
		this.allowlist = allowlist;
	}

	/**
	 * Decide about one call.
	 * @param presentedSecret the path segment where the secret belongs
	 * @param source the caller's address, or {@code null} when unknown
	 * @param userId the user id, URL-decoded once
	 * @return empty when it may be acted on, else the refusal
	 */
	public Optional<Refusal> admit(String presentedSecret, InetAddress source, String userId) {
		if (!this.allowlist.allows(source)) {
			return Optional.of(new Refusal(Reason.SOURCE_NOT_ALLOWED,
					"consent removal is accepted only from the configured Vipps addresses"));
		}
		if (!knownSecret(presentedSecret)) {
			return Optional
				.of(new Refusal(Reason.WRONG_SECRET, "the consent-removal path does not carry the configured secret"));
		}
		if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH
				|| userId.codePoints().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			return Optional.of(new Refusal(Reason.INVALID_USER_ID, "the userId must be 1 to " + MAX_USER_ID_LENGTH
					+ " characters without spaces or control characters (URL-encoded once)"));
		}
		return Optional.empty();
	}

	private boolean knownSecret(String presented) {
		byte[] candidate = (presented != null) ? presented.getBytes(StandardCharsets.UTF_8) : new byte[0];
		boolean known = false;
		for (byte[] secret : this.secrets) {
			// Every secret is compared, so the time does not tell which one matched.
			known |= MessageDigest.isEqual(candidate, secret);
		}
		return known;
	}

}
