package com.example.payments.ingest.shipping.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A payment's {@link ShippingRules} as one byte array, the form the store holds them in.
 * <p>
 * Why: as records, lists and strings a payment's rules are a few dozen small objects, and
 * with millions of payments in the heap the garbage collector's work grows with them
 * (copying the catch-up's objects through the survivor spaces, tracing the graph when it
 * marks); that work, on two cores, was the tail of the shipping-details latency. A byte
 * array holds no references, so there is nothing in it to trace, and it is copied as one
 * block. Decoding it per call costs about a microsecond.
 * <p>
 * Value equality is by content, so equal rules encode equally and can be shared.
 */
final class CompactShippingRules {

	private final byte[] encoded;

	private final int hash;

	private CompactShippingRules(byte[] encoded) {
		this.encoded = encoded;
		this.hash = hash(encoded);
	}

	/**
	 * FNV-1a over the bytes. Not {@link Arrays#hashCode(byte[])}: its base of 31 lets two
	 * adjacent bytes trade 31 for 1, so rule sets that differ only in a cost in øre
	 * collided outright (100,000 sets, 8,758 codes) and the store's map of shared rule
	 * sets filled with tree bins that every insert had to scan.
	 * @param bytes the encoding
	 * @return its hash code
	 */
	private static int hash(byte[] bytes) {
		int hash = 0x811C9DC5;
		for (byte b : bytes) {
			hash = (hash ^ (b & 0xFF)) * 0x01000193;
		}
		return hash;
	}

	/**
	 * Encode rules.
	 * @param rules the rules
	 * @return their compact form
	 */
	static CompactShippingRules of(ShippingRules rules) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(rules.rules().size());
			for (ShippingRule rule : rules.rules()) {
				out.writeInt(rule.countries().size());
				for (String country : rule.countries()) {
					out.writeUTF(country);
				}
				out.writeInt(rule.postCodeRanges().size());
				for (PostCodeRange range : rule.postCodeRanges()) {
					out.writeUTF(range.from());
					out.writeUTF(range.to());
				}
				writeOptions(out, rule.options());
			}
			writeOptions(out, rules.fallbackOptions());
		}
		catch (IOException ex) {
			// In memory: cannot happen, short of a string over 64 KB (writeUTF's limit).
			throw new UncheckedIOException("could not encode shipping rules", ex);
		}
		return new CompactShippingRules(bytes.toByteArray());
	}

	/**
	 * The rules as they were encoded.
	 * @return a new instance equal to the encoded one
	 */
	ShippingRules decode() {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(this.encoded))) {
			int count = in.readInt();
			List<ShippingRule> rules = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				List<String> countries = new ArrayList<>();
				for (int c = in.readInt(); c > 0; c--) {
					countries.add(in.readUTF());
				}
				List<PostCodeRange> ranges = new ArrayList<>();
				for (int r = in.readInt(); r > 0; r--) {
					ranges.add(new PostCodeRange(in.readUTF(), in.readUTF()));
				}
				rules.add(new ShippingRule(countries, ranges, readOptions(in)));
			}
			return new ShippingRules(rules, readOptions(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not decode shipping rules this store encoded", ex);
		}
	}

	/**
	 * The encoded size.
	 * @return bytes
	 */
	int size() {
		return this.encoded.length;
	}

	private static void writeOptions(DataOutputStream out, List<ShippingOption> options) throws IOException {
		out.writeInt(options.size());
		for (ShippingOption option : options) {
			out.writeUTF(option.methodId());
			out.writeUTF(option.method());
			out.writeLong(option.costOre());
			out.writeBoolean(option.isDefault());
			out.writeBoolean(option.priority() != null);
			if (option.priority() != null) {
				out.writeInt(option.priority());
			}
		}
	}

	private static List<ShippingOption> readOptions(DataInputStream in) throws IOException {
		int count = in.readInt();
		List<ShippingOption> options = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String methodId = in.readUTF();
			String method = in.readUTF();
			long costOre = in.readLong();
			boolean isDefault = in.readBoolean();
			Integer priority = in.readBoolean() ? in.readInt() : null;
			options.add(new ShippingOption(methodId, method, costOre, isDefault, priority));
		}
		return options;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CompactShippingRules that && Arrays.equals(this.encoded, that.encoded);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

}
