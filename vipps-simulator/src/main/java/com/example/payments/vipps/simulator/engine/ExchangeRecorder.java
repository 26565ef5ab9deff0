package com.example.payments.vipps.simulator.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.SimulatorProperties.Exchanges;
import com.example.payments.vipps.simulator.SimulatorProperties.Exchanges.Recording;

/**
 * Keeps the HTTP exchanges the simulator took part in, so tests can inspect and
 * contract-check them: all of them ({@code FULL}), the newest {@code capacity}
 * ({@code BOUNDED}: the oldest is dropped in constant time), or none ({@code OFF}, for
 * load runs). Recording costs the same per call whatever the history.
 */
public final class ExchangeRecorder {

	private final AtomicLong sequence = new AtomicLong();

	private final Recording recording;

	private final int capacity;

	private final Deque<RecordedExchange> exchanges = new ArrayDeque<>();

	public ExchangeRecorder(Exchanges settings) {
		this.recording = settings.recording();
		this.capacity = (settings.recording() == Recording.BOUNDED) ? settings.capacity() : Integer.MAX_VALUE;
	}

	/**
	 * Whether exchanges are kept; callers skip building them when not.
	 * @return false when recording is OFF
	 */
	public boolean recording() {
		return this.recording != Recording.OFF;
	}

	public long nextSequence() {
		return this.sequence.incrementAndGet();
	}

	public void record(RecordedExchange exchange) {
		if (this.recording == Recording.OFF) {
			return;
		}
		synchronized (this.exchanges) {
			this.exchanges.addLast(exchange);
			if (this.exchanges.size() > this.capacity) {
				this.exchanges.pollFirst();
			}
		}
	}

	/**
	 * The exchanges kept, in sequence order (an exchange is recorded when it ends, so
	 * recording order is not sequence order).
	 * @return a copy
	 */
	public List<RecordedExchange> all() {
		List<RecordedExchange> copy;
		synchronized (this.exchanges) {
			copy = new ArrayList<>(this.exchanges);
		}
		copy.sort(Comparator.comparingLong(RecordedExchange::sequence));
		return List.copyOf(copy);
	}

	public void clear() {
		synchronized (this.exchanges) {
			this.exchanges.clear();
		}
	}

}
