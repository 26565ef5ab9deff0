package com.example.payments.ingest.shipping.domain;

/**
 * An inclusive range of post codes, compared as strings of equal length ({@code "0001"}
 * to {@code "0999"} is Oslo): a post code of another length is outside.
 *
 * @param from the first post code in the range
 * @param to the last post code in the range
 */
public record PostCodeRange(String from, String to) {

	public PostCodeRange {
		if (from == null || to == null || from.length() != to.length() || from.compareTo(to) > 0) {
			throw new IllegalArgumentException(
					"a post-code range needs from <= to of equal length, was " + from + ".." + to);
		}
	}

	/**
	 * Whether a post code lies in the range.
	 * @param postCode the address's post code, may be {@code null}
	 * @return {@code true} when it has the range's length and lies between its ends
	 */
	public boolean contains(String postCode) {
		return postCode != null && postCode.length() == this.from.length() && postCode.compareTo(this.from) >= 0
				&& postCode.compareTo(this.to) <= 0;
	}

}
