package com.example.payments.vipps.client.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code authToken} we give Vipps at initiation and check when Vipps calls us back.
 * Vipps echoes it verbatim as the {@code Authorization} header of the callback and the
 * shipping-details call, so the token is an HMAC-SHA256 of the payment identity
 * {@code "{msn}:{orderId}"} under a secret the command service and the ingest service
 * share: the ingest service verifies a call without any state, and a token for one
 * payment is worthless for another.
 * <p>
 * Rotation: tokens are made with the current secret; {@link #verify} also accepts tokens
 * made with the previous one, because payments initiated before the rotation are called
 * back for up to ten minutes (and their shipping details until then too). Comparison is
 * constant-time. Secrets never appear in {@code toString()}.
 * <p>
 * The token is the unpadded base64url of the 32-byte MAC (43 characters, within Vipps'
 * 255).
 *
 * @author vipps-client
 */
public final class CallbackAuthTokens {

	/** Shortest secret accepted: 32 bytes, the size of the MAC. */
	public static final int MIN_SECRET_BYTES = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec current;

	private final SecretKeySpec previous;

	/**
	 * Tokens under a secret, accepting a previous one during rotation.
	 * @param currentSecret the secret new tokens are made with, at least 32 bytes in
	 * UTF-8
	 * @param previousSecret the secret before the last rotation, or {@code null}
	 * @throws IllegalArgumentException if a secret is too short, or both are equal
	 */
	public CallbackAuthTokens(String currentSecret, String previousSecret) {
		this.current = key("current", currentSecret);
		this.previous = (previousSecret != null && !previousSecret.isEmpty()) ? key("previous", previousSecret) : null;
		if (this.previous != null && MessageDigest.isEqual(this.current.getEncoded(), this.previous.getEncoded())) {
			throw new IllegalArgumentException("the previous callback secret equals the current one");
		}
	}

	private static SecretKeySpec key(String which, String secret) {
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"the " + which + " callback secret must have at least " + MIN_SECRET_BYTES + " bytes");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * The token to send as {@code merchantInfo.authToken} for a payment.
	 * @param msn the merchant serial number
	 * @param orderId the order id
	 * @return the token
	 */
	public String tokenFor(String msn, String orderId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(this.current, msn, orderId));
	}

	/**
	 * Check the {@code Authorization} header of a call Vipps made for a payment.
	 * @param msn the merchant serial number the call is about
	 * @param orderId the order id the call is about
	 * @param authorization the header value, may be {@code null}
	 * @return the verdict
	 */
	public Verdict verify(String msn, String orderId, String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return Verdict.MISSING;
		}
		Optional<byte[]> presented = decode(authorization.strip());
		if (presented.isEmpty()) {
			return Verdict.WRONG;
		}
		if (MessageDigest.isEqual(presented.get(), mac(this.current, msn, orderId))) {
			return Verdict.VALID;
		}
		if (this.previous != null && MessageDigest.isEqual(presented.get(), mac(this.previous, msn, orderId))) {
			return Verdict.VALID_PREVIOUS_SECRET;
		}
		return Verdict.WRONG;
	}

	private static Optional<byte[]> decode(String token) {
		try {
			return Optional.of(Base64.getUrlDecoder().decode(token));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static byte[] mac(SecretKeySpec key, String msn, String orderId) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal((msn + ":" + orderId).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// Every Java platform must provide HmacSHA256 (javax.crypto.Mac contract).
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "CallbackAuthTokens[current=***, previous=" + ((this.previous != null) ? "***" : "none") + "]";
	}

	/**
	 * What a presented token is worth.
	 */
	public enum Verdict {

		/** Made with the current secret for this payment. */
		VALID,

		/** Made with the previous secret for this payment (during a rotation). */
		VALID_PREVIOUS_SECRET,

		/** No {@code Authorization} header. */
		MISSING,

		/** A token, but not this payment's under either secret. */
		WRONG;

		/**
		 * Whether the call may be acted on.
		 * @return {@code true} for {@link #VALID} and {@link #VALID_PREVIOUS_SECRET}
		 */
		public boolean accepted() {
			return this == VALID || this == VALID_PREVIOUS_SECRET;
		}

	}

}
