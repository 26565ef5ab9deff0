package com.example.payments.reconciliation.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The results of one task's checks, put by the poller's threads and taken by the task's
 * stream thread. Once the task is closed (its partition moved elsewhere) results are
 * dropped: the new owner hands the check out again when its lease ends.
 */
public final class CheckInbox {

	private final Queue<CheckResult> results = new ConcurrentLinkedQueue<>();

	private volatile boolean closed;

	/**
	 * Deliver a result.
	 * @param result the result
	 * @return false when the task is gone and the result was dropped
	 */
	public boolean deliver(CheckResult result) {
		if (this.closed) {
			return false;
		}
		this.results.add(result);
		return true;
	}

	List<CheckResult> drain() {
		List<CheckResult> drained = new ArrayList<>();
		CheckResult result;
		while ((result = this.results.poll()) != null) {
			drained.add(result);
		}
		return drained;
	}

	void close() {
		this.closed = true;
		this.results.clear();
	}

	public boolean isClosed() {
		return this.closed;
	}

}
