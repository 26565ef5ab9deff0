package com.example.payments.facts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.example.payments.schema.event.ShippingSelected;
import com.example.payments.schema.event.UserDetailsShared;
import com.example.payments.vipps.client.model.Address;
import com.example.payments.vipps.client.model.NokAmounts;
import com.example.payments.vipps.client.model.PaymentShippingDetails;
import com.example.payments.vipps.client.model.UserDetails;

/**
 * What the user shares with the merchant (profile, chosen shipping), as a callback and
 * {@code /details} both carry it, turned into event bodies the same way for both.
 */
final class UserShared {

	/**
	 * What {@code /details} shows in place of personal values seven days after the
	 * reservation.
	 */
	static final String EXPIRED = "[Expired]";

	private UserShared() {
	}

	/**
	 * The shared profile, unless there is no user id to erase it by later (or it has
	 * expired).
	 * @param user the user's details, or {@code null}
	 * @param sub the userinfo subject, or {@code null}
	 * @return the event body, or empty
	 */
	static Optional<UserDetailsShared> userDetails(UserDetails user, String sub) {
		if (user == null || isBlankOrExpired(user.userId())) {
			return Optional.empty();
		}
		return Optional.of(UserDetailsShared.newBuilder()
			.setUserId(user.userId())
			.setFirstName(user.firstName())
			.setLastName(user.lastName())
			.setEmail(user.email())
			.setMobileNumber(user.mobileNumber())
			.setSub(sub)
			.build());
	}

	/**
	 * The chosen shipping; the address only when it is complete and not expired.
	 * @param shipping the shipping details, or {@code null}
	 * @return the event body, or empty when there is no chosen method
	 * @throws IllegalArgumentException if the cost is not a whole number of øre
	 */
	static Optional<ShippingSelected> shipping(PaymentShippingDetails shipping) {
		if (shipping == null || shipping.shippingMethodId() == null || shipping.shippingMethod() == null
				|| shipping.shippingCost() == null) {
			return Optional.empty();
		}
		return Optional.of(ShippingSelected.newBuilder()
			.setShippingMethodId(shipping.shippingMethodId())
			.setShippingMethod(shipping.shippingMethod())
			.setShippingCost(ore(shipping.shippingCost()))
			.setDeliveryAddress(address(shipping.address()))
			.build());
	}

	private static com.example.payments.schema.common.Address address(Address address) {
		if (address == null || List
			.of(nonNull(address.addressLine1()), nonNull(address.city()), nonNull(address.postCode()),
					nonNull(address.country()))
			.stream()
			.anyMatch(UserShared::isBlankOrExpired)) {
			return null;
		}
		return com.example.payments.schema.common.Address.newBuilder()
			.setAddressLine1(address.addressLine1())
			.setAddressLine2(address.addressLine2())
			.setCity(address.city())
			.setPostCode(address.postCode())
			.setCountry(address.country())
			.build();
	}

	/**
	 * Vipps' {@code shippingCost} is NOK with decimals; our contract is øre: the client's
	 * one exact conversion, refusing negative costs too.
	 * @param nok the cost in NOK
	 * @return the cost in øre
	 * @throws IllegalArgumentException if it is negative or not a whole number of øre
	 */
	private static long ore(BigDecimal nok) {
		long ore = NokAmounts.toOre(nok);
		if (ore < 0) {
			throw new IllegalArgumentException("shippingCost " + nok.toPlainString() + " NOK is negative");
		}
		return ore;
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	private static boolean isBlankOrExpired(String value) {
		return value == null || value.isBlank() || EXPIRED.equals(value);
	}

}
