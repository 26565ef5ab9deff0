package com.example.payments.vipps.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The payments the simulator remembers, by (MSN, orderId) and by landing-page token: at
 * most {@code maxPayments}, the oldest forgotten first. Pending payments also wait in two
 * queues in deadline order (the url's validity and the app window are the same for every
 * payment), so the timer looks only at payments that are due, never at the whole history.
 * Every operation costs the same whatever the number of payments.
 */
final class PaymentBook {

	private final int maxPayments;

	private final Map<String, PaymentRecord> byOrder = new ConcurrentHashMap<>();

	private final Map<String, PaymentRecord> byToken = new ConcurrentHashMap<>();

	private final Queue<PaymentRecord> oldestFirst = new ConcurrentLinkedQueue<>();

	// ConcurrentLinkedQueue.size() walks the queue: count separately.
	private final AtomicInteger count = new AtomicInteger();

	private final Queue<PaymentRecord> awaitingOpen = new ConcurrentLinkedQueue<>();

	private final Queue<PaymentRecord> awaitingUser = new ConcurrentLinkedQueue<>();

	PaymentBook(int maxPayments) {
		this.maxPayments = maxPayments;
	}

	/**
	 * Adds a new payment, forgetting the oldest one when the book is full.
	 * @param payment the payment
	 * @return false when (MSN, orderId) is already taken
	 */
	boolean add(PaymentRecord payment) {
		if (this.byOrder.putIfAbsent(key(payment.msn(), payment.orderId()), payment) != null) {
			return false;
		}
		this.byToken.put(payment.token(), payment);
		this.oldestFirst.add(payment);
		this.awaitingOpen.add(payment);
		if (this.count.incrementAndGet() > this.maxPayments) {
			forgetOldest();
		}
		return true;
	}

	private void forgetOldest() {
		PaymentRecord oldest = this.oldestFirst.poll();
		if (oldest != null) {
			this.byOrder.remove(key(oldest.msn(), oldest.orderId()), oldest);
			this.byToken.remove(oldest.token(), oldest);
			this.count.decrementAndGet();
		}
	}

	/**
	 * The user opened the payment: its app window runs from now.
	 * @param payment the payment
	 */
	void opened(PaymentRecord payment) {
		this.awaitingUser.add(payment);
	}

	PaymentRecord get(String msn, String orderId) {
		return this.byOrder.get(key(msn, orderId));
	}

	Optional<PaymentRecord> byToken(String token) {
		return Optional.ofNullable((token != null) ? this.byToken.get(token) : null);
	}

	Collection<PaymentRecord> all() {
		return this.byOrder.values();
	}

	/**
	 * Takes the payments whose url validity or app window has ended by {@code now}; the
	 * caller times out those still pending. Called by one timer thread at a time.
	 * @param now the simulator's time
	 * @return the payments to check
	 */
	List<PaymentRecord> takeDue(Instant now) {
		List<PaymentRecord> due = new ArrayList<>();
		PaymentRecord head;
		while ((head = this.awaitingOpen.peek()) != null && !now.isBefore(head.urlExpiresAt())) {
			this.awaitingOpen.poll();
			due.add(head);
		}
		while ((head = this.awaitingUser.peek()) != null && !now.isBefore(head.appDeadline())) {
			this.awaitingUser.poll();
			due.add(head);
		}
		return due;
	}

	void clear() {
		this.byOrder.clear();
		this.byToken.clear();
		this.oldestFirst.clear();
		this.awaitingOpen.clear();
		this.awaitingUser.clear();
		this.count.set(0);
	}

	private static String key(String msn, String orderId) {
		return msn + ":" + orderId;
	}

}
