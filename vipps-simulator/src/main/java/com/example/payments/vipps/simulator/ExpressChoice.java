package com.example.payments.vipps.simulator;

/**
 * What the simulated user picks in an express checkout; anything not chosen takes the
 * default (the first address, the {@code isDefault:"Y"} shipping method,
 * {@link SimulatedUser#ada()}).
 */
public sealed interface ExpressChoice {

	static ExpressChoice address(SimulatedAddress address) {
		return new Address(address);
	}

	static ExpressChoice shippingMethod(String shippingMethodId) {
		return new ShippingMethod(shippingMethodId);
	}

	static ExpressChoice user(SimulatedUser user) {
		return new User(user);
	}

	/**
	 * The delivery address.
	 *
	 * @param address the address
	 */
	record Address(SimulatedAddress address) implements ExpressChoice {
	}

	/**
	 * The shipping method, by its {@code shippingMethodId}.
	 *
	 * @param shippingMethodId the id
	 */
	record ShippingMethod(String shippingMethodId) implements ExpressChoice {
	}

	/**
	 * The user who shares their details.
	 *
	 * @param user the user
	 */
	record User(SimulatedUser user) implements ExpressChoice {
	}

}
