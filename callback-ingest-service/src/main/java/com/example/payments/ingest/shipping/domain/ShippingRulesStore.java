package com.example.payments.ingest.shipping.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every payment's shipping rules in memory, for answering Vipps' shipping-details calls
 * without any I/O. Every instance of the service holds all of them, since Vipps may call
 * any instance.
 * <p>
 * Memory is what decides the design, so a payment costs one map entry: keyed by
 * {@code orderId} (the path of the shipping-details call carries nothing else), with the
 * MSN in a small entry chained per orderId (an orderId is unique only per sales unit).
 * The rules are held encoded, one byte array each ({@link CompactShippingRules}: fewer
 * objects for the garbage collector, and less memory), and decoded per call. Equal rules
 * are stored once: merchants publish the same shipping table for most payments, and every
 * payment then shares one encoding, counted so that a table no payment uses any more is
 * dropped.
 * <p>
 * One writer (the thread that reads the shipping-rules topic) and any number of readers:
 * reads are lock-free; writes are serialised here anyway, so a second writer would be
 * correct, only slower.
 */
public final class ShippingRulesStore {

	private final ConcurrentHashMap<String, Entry> byOrderId = new ConcurrentHashMap<>();

	private final Map<CompactShippingRules, Shared> shared = new HashMap<>();

	private final Map<String, String> merchants = new ConcurrentHashMap<>();

	private volatile int payments;

	/**
	 * Store the rules of a payment, replacing what it had.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @param rules the rules
	 */
	public synchronized void put(String msn, String orderId, ShippingRules rules) {
		String merchant = this.merchants.computeIfAbsent(msn, (key) -> key);
		CompactShippingRules canonical = this.shared.computeIfAbsent(CompactShippingRules.of(rules), Shared::new)
			.acquire();
		this.byOrderId.compute(orderId, (key, entries) -> {
			Entry replaced = find(entries, merchant);
			if (replaced == null) {
				this.payments++;
			}
			release(replaced);
			return new Entry(merchant, canonical, without(entries, merchant));
		});
	}

	/**
	 * Forget the rules of a payment (a tombstone on the topic).
	 * @param msn the sales unit
	 * @param orderId the order
	 */
	public synchronized void remove(String msn, String orderId) {
		this.byOrderId.computeIfPresent(orderId, (key, entries) -> {
			Entry removed = find(entries, msn);
			if (removed != null) {
				this.payments--;
				release(removed);
			}
			return without(entries, msn);
		});
	}

	/**
	 * The rules of a payment.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @return its rules, or empty when none were published (or they were removed)
	 */
	public Optional<ShippingRules> rulesOf(String msn, String orderId) {
		Entry entry = find(this.byOrderId.get(orderId), msn);
		return (entry != null) ? Optional.of(entry.rules().decode()) : Optional.empty();
	}

	/**
	 * The sales units that published rules for an orderId (almost always one).
	 * @param orderId the order
	 * @return their MSNs, newest first
	 */
	public List<String> merchantsOf(String orderId) {
		List<String> msns = new ArrayList<>(1);
		for (Entry entry = this.byOrderId.get(orderId); entry != null; entry = entry.next()) {
			msns.add(entry.msn());
		}
		return msns;
	}

	/**
	 * How many payments have rules.
	 * @return the count
	 */
	public int payments() {
		return this.payments;
	}

	/**
	 * How many distinct rule sets are held (shared by the payments that have equal
	 * rules).
	 * @return the count
	 */
	public synchronized int distinctRuleSets() {
		return this.shared.size();
	}

	private void release(Entry replaced) {
		if (replaced != null) {
			Shared rules = this.shared.get(replaced.rules());
			if (rules != null && rules.release()) {
				this.shared.remove(replaced.rules());
			}
		}
	}

	private static Entry find(Entry entries, String msn) {
		for (Entry entry = entries; entry != null; entry = entry.next()) {
			if (entry.msn().equals(msn)) {
				return entry;
			}
		}
		return null;
	}

	private static Entry without(Entry entries, String msn) {
		if (entries == null) {
			return null;
		}
		if (entries.msn().equals(msn)) {
			return entries.next();
		}
		Entry rest = without(entries.next(), msn);
		return (rest == entries.next()) ? entries : new Entry(entries.msn(), entries.rules(), rest);
	}

	/**
	 * One payment's rules, chained to the other sales units' payments with the same
	 * orderId. Immutable, so readers never see a half-made chain.
	 */
	private record Entry(String msn, CompactShippingRules rules, Entry next) {
	}

	/** A rule set and how many payments use it. */
	private static final class Shared {

		private final CompactShippingRules rules;

		private int users;

		Shared(CompactShippingRules rules) {
			this.rules = rules;
		}

		CompactShippingRules acquire() {
			this.users++;
			return this.rules;
		}

		boolean release() {
			this.users--;
			return this.users == 0;
		}

	}

}
