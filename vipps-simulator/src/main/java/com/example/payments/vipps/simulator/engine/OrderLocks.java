package com.example.payments.vipps.simulator.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vipps locks an order while a capture, cancel or refund is processed; a second one that
 * arrives meanwhile gets VippsError 94 "Order locked, processing in progress" (guide
 * §6.2, §10). The guide lists HTTP 409 Conflict without an eCom explanation; this is
 * where it fits.
 */
public final class OrderLocks {

	private static final Held NOT_LOCKED = () -> {
	};

	private final boolean enabled;

	private final Map<String, Object> held = new ConcurrentHashMap<>();

	public OrderLocks(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Locks the order until the returned handle is released.
	 * @param msn the sales unit
	 * @param orderId the order
	 * @return the handle; releasing it twice is harmless
	 * @throws VippsApiException 409 with VippsError 94 when the order is locked
	 */
	public Held lock(String msn, String orderId) {
		if (!this.enabled) {
			return NOT_LOCKED;
		}
		String key = msn + ":" + orderId;
		Object owner = new Object();
		if (this.held.putIfAbsent(key, owner) != null) {
			throw VippsApiException.vipps(409, "VippsError", "94",
					"Order locked, processing in progress: another operation on orderId '" + orderId
							+ "' is not finished. Retry later with the same X-Request-Id.");
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.held.remove(key, owner);
			}
		};
	}

	void reset() {
		this.held.clear();
	}

	/**
	 * A held lock.
	 */
	@FunctionalInterface
	public interface Held {

		void release();

	}

}
