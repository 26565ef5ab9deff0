package com.example.payments.vipps.client.model;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NokAmounts} and {@link ShippingDetails#ofOre}: the one exact
 * conversion between øre and NOK.
 *
 * @author vipps-client
 */
class NokAmountsTests {

	@ParameterizedTest(name = "{0} øre = {1} NOK")
	@CsvSource({ "0, 0.00", "1, 0.01", "4900, 49.00", "4950, 49.50", "9999, 99.99", "1000000, 10000.00" })
	void convertsOreToNokExactlyAndBack(long ore, String nok) {
		assertThat(NokAmounts.fromOre(ore)).isEqualTo(new BigDecimal(nok));
		assertThat(NokAmounts.toOre(new BigDecimal(nok))).isEqualTo(ore);
	}

	@Test
	void readsNokWithAnyNumberOfTrailingZerosOrNone() {
		assertThat(NokAmounts.toOre(new BigDecimal("49.5"))).isEqualTo(4950);
		assertThat(NokAmounts.toOre(new BigDecimal("49"))).isEqualTo(4900);
		assertThat(NokAmounts.toOre(new BigDecimal("49.5000"))).isEqualTo(4950);
		assertThat(NokAmounts.toOre(new BigDecimal("4.9E+1"))).isEqualTo(4900);
	}

	@ParameterizedTest(name = "{0} NOK")
	@ValueSource(strings = { "49.005", "0.001", "99.999" })
	void rejectsFractionsOfAnOre(String nok) {
		assertThatIllegalArgumentException().isThrownBy(() -> NokAmounts.toOre(new BigDecimal(nok)))
			.withMessageContaining(nok)
			.withMessageContaining("øre");
	}

	@Test
	void rejectsAmountsBeyondALongAndMissingAmounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> NokAmounts.toOre(new BigDecimal("1E+18")));
		assertThatIllegalArgumentException().isThrownBy(() -> NokAmounts.toOre(null));
	}

	@Test
	void buildsShippingOptionsFromOre() {
		ShippingDetails option = ShippingDetails.ofOre(true, 2, 9950, "Posten", "posten");
		assertThat(option.shippingCost()).isEqualTo(new BigDecimal("99.50"));
		assertThat(option.isDefault()).isEqualTo("Y");
		assertThat(option.priority()).isEqualTo(2);
		assertThat(ShippingDetails.ofOre(false, 1, 0, "Pick-up", "pickup").isDefault()).isEqualTo("N");
	}

}
