package com.example.payments.ingest.consent.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses allowed to call an endpoint, as CIDR blocks ({@code 192.0.2.0/24},
 * {@code 2001:db8::/32}) or single addresses. Empty allows everyone. Only IP literals are
 * accepted: a host name would need a DNS lookup, at start-up or, worse, per call.
 */
public final class SourceAllowlist {

	private final List<Block> blocks;

	private SourceAllowlist(List<Block> blocks) {
		this.blocks = blocks;
	}

	/**
	 * Parse the configured blocks.
	 * @param cidrs CIDR blocks or IP addresses
	 * @return the allowlist, allowing everyone when {@code cidrs} is empty
	 * @throws IllegalArgumentException naming a block that is not an IP literal with a
	 * valid prefix length
	 */
	public static SourceAllowlist of(List<String> cidrs) {
		return new SourceAllowlist(cidrs.stream().map(Block::parse).toList());
	}

	/**
	 * Whether the allowlist is empty, allowing everyone.
	 * @return {@code true} when no block is configured
	 */
	public boolean allowsEveryone() {
		return this.blocks.isEmpty();
	}

	/**
	 * Whether an address may call.
	 * @param source the caller's address, or {@code null} when unknown
	 * @return {@code true} when the list is empty or a block contains it
	 */
	public boolean allows(InetAddress source) {
		if (this.blocks.isEmpty()) {
			return true;
		}
		return source != null && this.blocks.stream().anyMatch((block) -> block.contains(source));
	}

	private record Block(byte[] network, int prefixLength) {

		static Block parse(String cidr) {
			String text = (cidr != null) ? cidr.strip() : "";
			int slash = text.indexOf('/');
			String address = (slash >= 0) ? text.substring(0, slash) : text;
			if (address.isEmpty() || !address.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
			}
			byte[] network;
			try {
				network = InetAddress.getByName(address).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block", ex);
			}
			int bits = network.length * 8;
			int prefixLength;
			try {
				prefixLength = (slash >= 0) ? Integer.parseInt(text.substring(slash + 1)) : bits;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", ex);
			}
			if (prefixLength < 0 || prefixLength > bits) {
				throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
			}
			return new Block(network, prefixLength);
		}

		boolean contains(InetAddress source) {
			byte[] candidate = source.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int whole = this.prefixLength / 8;
			for (int i = 0; i < whole; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (candidate[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
