package com.example.payments.reconciliation.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;
import com.example.payments.schema.PaymentKey;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The due-time index beside the payments store: one key per scheduled payment, ordered so
 * that a range scan from the start up to "now" finds exactly the due payments, and a tick
 * costs in proportion to them, whatever the number of open ones.
 * <p>
 * Checks are indexed per sales unit, so each MSN's budget is applied to its own due
 * payments, oldest first, and one throttled MSN never holds up the others:
 * {@code [msn length][msn][due millis, 8 bytes big-endian][orderId]}. Purges of closed
 * payments have their own range: {@code [0][due millis][msn:orderId]}. Epoch millis are
 * positive, so their big-endian bytes sort as the numbers do, and no key of an MSN sorts
 * after {@code [length][msn][0x80]}.
 */
final class DueIndex {

	private static final byte[] NOTHING = new byte[0];

	private static final byte PURGES = 0;

	private final KeyValueStore<Bytes, byte[]> store;

	DueIndex(KeyValueStore<Bytes, byte[]> store) {
		this.store = store;
	}

	/**
	 * Replace a payment's entry.
	 * @param payment the payment
	 * @param oldAction what was scheduled
	 * @param oldDue when it was due
	 * @param newAction what is scheduled now
	 * @param newDue when it is due now
	 */
	void move(PaymentKey payment, DueAction oldAction, long oldDue, DueAction newAction, long newDue) {
		if (oldAction == newAction && oldDue == newDue) {
			return;
		}
		if (oldAction != DueAction.NONE) {
			this.store.delete(key(payment, oldAction, oldDue));
		}
		if (newAction != DueAction.NONE) {
			this.store.put(key(payment, newAction, newDue), NOTHING);
		}
	}

	/**
	 * The sales units with scheduled checks, one seek each.
	 * @return their MSNs, in key order
	 */
	List<String> merchants() {
		List<String> msns = new ArrayList<>();
		Bytes from = Bytes.wrap(new byte[] { PURGES + 1 });
		while (true) {
			Bytes first = firstKey(from, Bytes.wrap(new byte[] { (byte) 0xFF }));
			if (first == null) {
				return msns;
			}
			byte[] key = first.get();
			int length = key[0];
			String msn = new String(key, 1, length, StandardCharsets.US_ASCII);
			msns.add(msn);
			from = Bytes
				.wrap(ByteBuffer.allocate(2 + length).put((byte) length).put(ascii(msn)).put((byte) 0x80).array());
		}
	}

	/**
	 * The earliest scheduled check of a sales unit.
	 * @param msn the sales unit
	 * @return its due time, or -1 when it has none
	 */
	long earliestCheck(String msn) {
		Bytes first = firstKey(checkKey(msn, 0, ""), checkKey(msn, Long.MAX_VALUE, ""));
		return (first != null) ? dueOfCheck(first.get()) : -1;
	}

	/**
	 * Due checks of one sales unit, oldest first.
	 * @param msn the sales unit
	 * @param nowMillis now
	 * @param limit the most to return
	 * @return the due entries
	 */
	List<Due> dueChecks(String msn, long nowMillis, int limit) {
		List<Due> due = new ArrayList<>();
		if (limit <= 0) {
			return due;
		}
		try (KeyValueIterator<Bytes, byte[]> entries = this.store.range(checkKey(msn, 0, ""),
				checkKey(msn, nowMillis + 1, ""))) {
			while (entries.hasNext() && due.size() < limit) {
				byte[] key = entries.next().key.get();
				int length = key[0];
				String orderId = new String(key, 1 + length + 8, key.length - 1 - length - 8, StandardCharsets.UTF_8);
				due.add(new Due(PaymentKey.of(msn, orderId), DueAction.CHECK, dueOfCheck(key)));
			}
		}
		return due;
	}

	/**
	 * Count the due checks of one sales unit, up to a cap.
	 * @param msn the sales unit
	 * @param nowMillis now
	 * @param cap where to stop counting
	 * @return the count, at most {@code cap}
	 */
	long countDueChecks(String msn, long nowMillis, long cap) {
		long count = 0;
		try (KeyValueIterator<Bytes, byte[]> entries = this.store.range(checkKey(msn, 0, ""),
				checkKey(msn, nowMillis + 1, ""))) {
			while (entries.hasNext() && count < cap) {
				entries.next();
				count++;
			}
		}
		return count;
	}

	/**
	 * Due purges, oldest first.
	 * @param nowMillis now
	 * @param limit the most to return
	 * @return the due entries
	 */
	List<Due> duePurges(long nowMillis, int limit) {
		List<Due> due = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> entries = this.store.range(purgeKey(0, ""), purgeKey(nowMillis + 1, ""))) {
			while (entries.hasNext() && due.size() < limit) {
				KeyValue<Bytes, byte[]> entry = entries.next();
				ByteBuffer key = ByteBuffer.wrap(entry.key.get());
				key.get();
				long at = key.getLong();
				byte[] payment = new byte[key.remaining()];
				key.get(payment);
				due.add(new Due(PaymentKey.parse(new String(payment, StandardCharsets.UTF_8)), DueAction.PURGE, at));
			}
		}
		return due;
	}

	private Bytes firstKey(Bytes from, Bytes to) {
		try (KeyValueIterator<Bytes, byte[]> entries = this.store.range(from, to)) {
			return entries.hasNext() ? entries.next().key : null;
		}
	}

	private static Bytes key(PaymentKey payment, DueAction action, long due) {
		return (action == DueAction.PURGE) ? purgeKey(due, payment.asString())
				: checkKey(payment.merchantSerialNumber(), due, payment.orderId());
	}

	static Bytes checkKey(String msn, long due, String orderId) {
		byte[] merchant = ascii(msn);
		byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
		return Bytes.wrap(ByteBuffer.allocate(1 + merchant.length + 8 + order.length)
			.put((byte) merchant.length)
			.put(merchant)
			.putLong(due)
			.put(order)
			.array());
	}

	private static Bytes purgeKey(long due, String payment) {
		byte[] key = payment.getBytes(StandardCharsets.UTF_8);
		return Bytes.wrap(ByteBuffer.allocate(1 + 8 + key.length).put(PURGES).putLong(due).put(key).array());
	}

	private static long dueOfCheck(byte[] key) {
		return ByteBuffer.wrap(key, 1 + key[0], 8).getLong();
	}

	private static byte[] ascii(String msn) {
		return msn.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * One due entry.
	 *
	 * @param payment the payment
	 * @param action what is due
	 * @param atMillis since when
	 */
	record Due(PaymentKey payment, DueAction action, long atMillis) {

	}

}
