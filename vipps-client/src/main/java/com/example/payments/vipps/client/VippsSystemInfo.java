package com.example.payments.vipps.client;

/**
 * The {@code Vipps-System-*} headers sent on every call (mandatory for partners and
 * platforms). Each value is checked here, at configuration time, against the spec's
 * 30-character limit.
 *
 * @param name {@code Vipps-System-Name}, e.g. {@code acme}
 * @param version {@code Vipps-System-Version}, e.g. {@code 3.1.2}
 * @param pluginName {@code Vipps-System-Plugin-Name}, e.g. {@code acme-payments}
 * @param pluginVersion {@code Vipps-System-Plugin-Version}, e.g. {@code 0.1.0}
 * @author vipps-client
 */
public record VippsSystemInfo(String name, String version, String pluginName, String pluginVersion) {

	/** The spec's {@code maxLength} of every {@code Vipps-System-*} header. */
	public static final int MAX_LENGTH = 30;

	public VippsSystemInfo {
		check(name, "Vipps-System-Name");
		check(version, "Vipps-System-Version");
		check(pluginName, "Vipps-System-Plugin-Name");
		check(pluginVersion, "Vipps-System-Plugin-Version");
	}

	private static void check(String value, String header) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(header + " must not be blank");
		}
		if (value.length() > MAX_LENGTH) {
			throw new IllegalArgumentException(
					header + " must be at most " + MAX_LENGTH + " characters, was " + value.length());
		}
		if (!value.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			throw new IllegalArgumentException(header + " must be printable ASCII without spaces");
		}
	}

}
