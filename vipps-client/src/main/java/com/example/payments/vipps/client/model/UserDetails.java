package com.example.payments.vipps.client.model;

/**
 * The user's shared profile (express or scope), in details ({@code UserDetails}).
 * Personal data: {@link #toString()} masks it.
 *
 * @param email e-mail
 * @param firstName first name
 * @param lastName last name
 * @param mobileNumber 8 digits
 * @param userId Vipps' user id (may contain {@code / = +}); store it for consent removal
 * @author vipps-client
 */
public record UserDetails(String email, String firstName, String lastName, String mobileNumber, String userId) {

	@Override
	public String toString() {
		return "UserDetails[userId=" + this.userId + ", email=****, firstName=****, lastName=****, mobileNumber=****]";
	}

}
