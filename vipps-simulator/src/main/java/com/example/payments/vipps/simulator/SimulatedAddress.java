package com.example.payments.vipps.simulator;

/**
 * A postal address of the simulated Vipps user, offered in express checkout.
 *
 * @param addressId Vipps' id for it (at least 100)
 * @param addressLine1 first line
 * @param addressLine2 second line, may be null
 * @param city city
 * @param postCode four digits
 * @param addressType H (home), W (work) or O (other)
 */
public record SimulatedAddress(long addressId, String addressLine1, String addressLine2, String city, String postCode,
		String addressType) {

	public SimulatedAddress {
		if (addressId < 100) {
			throw new IllegalArgumentException("addressId must be >= 100");
		}
		if (postCode == null || !postCode.matches("^\\d{4}$")) {
			throw new IllegalArgumentException("postCode must be 4 digits");
		}
		if (!"H".equals(addressType) && !"W".equals(addressType) && !"O".equals(addressType)) {
			throw new IllegalArgumentException("addressType must be H, W or O");
		}
	}

	public static SimulatedAddress home() {
		return new SimulatedAddress(3960, "Dronning Eufemias gate 42", "Att: Rune Garborg", "OSLO", "0191", "H");
	}

	public static SimulatedAddress work() {
		return new SimulatedAddress(3961, "Robert Levins gate 5", null, "OSLO", "0154", "W");
	}

}
