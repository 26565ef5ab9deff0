package com.example.payments.vipps.simulator;

/**
 * The Vipps user who approves express and profile payments.
 *
 * @param userId Vipps' user id (may contain {@code / = +})
 * @param firstName first name
 * @param lastName last name
 * @param email e-mail
 * @param mobileNumber 8 digits
 */
public record SimulatedUser(String userId, String firstName, String lastName, String email, String mobileNumber) {

	public SimulatedUser {
		if (userId == null || !userId.matches("^[\\d\\w/=+]{1,50}$")) {
			throw new IllegalArgumentException("userId must match ^[\\d\\w/=+]+$ and be at most 50 characters");
		}
		if (mobileNumber == null || !mobileNumber.matches("^\\d{8}$")) {
			throw new IllegalArgumentException("mobileNumber must be 8 digits");
		}
	}

	public static SimulatedUser ada() {
		return new SimulatedUser("uiJskNQ6qNN1iwN891uuob==", "Ada", "Lovelace", "user@example.com", "91234567");
	}

}
