package com.example.payments.vipps.simulator.engine;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import com.example.payments.vipps.simulator.RecordedExchange;

/**
 * Keeps every HTTP exchange (bounded, oldest dropped first) so tests can inspect and
 * contract-check them.
 */
public final class ExchangeRecorder {

	private static final int CAPACITY = 50_000;

	private final AtomicLong sequence = new AtomicLong();

	private final Deque<RecordedExchange> exchanges = new ConcurrentLinkedDeque<>();

	public long nextSequence() {
		return this.sequence.incrementAndGet();
	}

	public void record(RecordedExchange exchange) {
		this.exchanges.addLast(exchange);
		while (this.exchanges.size() > CAPACITY) {
			this.exchanges.pollFirst();
		}
	}

	public List<RecordedExchange> all() {
		List<RecordedExchange> copy = new ArrayList<>(this.exchanges);
		copy.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		return List.copyOf(copy);
	}

	public void clear() {
		this.exchanges.clear();
	}

}
