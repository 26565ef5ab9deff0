package com.example.payments.reconciliation.tracking;

/**
 * Where the tracker hands due checks: something that reads {@code /details} off the
 * stream thread, within the budgets, and puts each result in the request's inbox. Both
 * methods are called on the stream thread and must not block.
 */
public interface DetailsChecks {

	/**
	 * How many checks of this sales unit could start now (its budget, its concurrency and
	 * the overall limit).
	 * @param msn the sales unit
	 * @return a number of checks, 0 when none
	 */
	int room(String msn);

	/**
	 * Start a check, if the budgets allow it now.
	 * @param request the check
	 * @return false when a budget refused it (nothing was started)
	 */
	boolean start(CheckRequest request);

}
