package com.example.payments.reconciliation.domain;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a payment is checked: a first check some time after the ladder starts, then one
 * check every {@link Rung#every()} while the payment's age (time since the start) is
 * below {@link Rung#until()}, rung after rung; no check once the last rung's
 * {@code until} has passed (the ladder is exhausted). The next check is counted from the
 * previous one, so checks that run late never crowd together, and {@link #maxChecks()} is
 * an upper bound of the checks one payment gets from the ladder.
 *
 * @param firstCheck age of the first check (zero: at once)
 * @param rungs intervals by age, with strictly increasing {@code until}
 */
public record CheckLadder(Duration firstCheck, List<Rung> rungs) {

	public CheckLadder {
		if (firstCheck == null || firstCheck.isNegative()) {
			throw new IllegalArgumentException("first-check must be zero or positive, was " + firstCheck);
		}
		if (rungs == null || rungs.isEmpty()) {
			throw new IllegalArgumentException("a ladder needs at least one rung");
		}
		rungs = List.copyOf(rungs);
		Duration previous = firstCheck;
		for (Rung rung : rungs) {
			if (rung.until().compareTo(previous) <= 0) {
				throw new IllegalArgumentException("rung until " + rung.until()
						+ " must be later than the first check and the rung before (" + previous + ")");
			}
			previous = rung.until();
		}
	}

	/**
	 * The age after which the ladder schedules nothing more.
	 * @return the last rung's {@code until}
	 */
	public Duration maxAge() {
		return this.rungs.get(this.rungs.size() - 1).until();
	}

	/**
	 * When to check next.
	 * @param startMillis when the ladder started (epoch millis)
	 * @param lastCheckMillis when the last check of this ladder was made, or a negative
	 * value if none was
	 * @param nowMillis now
	 * @return the time of the next check (never before now), or empty when the ladder is
	 * exhausted
	 */
	public OptionalLong next(long startMillis, long lastCheckMillis, long nowMillis) {
		long first = startMillis + this.firstCheck.toMillis();
		long end = startMillis + maxAge().toMillis();
		if (lastCheckMillis < first) {
			return (first <= end) ? OptionalLong.of(Math.max(first, nowMillis)) : OptionalLong.empty();
		}
		long at = lastCheckMillis + intervalAt(lastCheckMillis - startMillis).toMillis();
		return (at <= end) ? OptionalLong.of(Math.max(at, nowMillis)) : OptionalLong.empty();
	}

	/**
	 * The most checks this ladder makes for one payment: what the README documents.
	 * @return checks from the first until the ladder is exhausted
	 */
	public int maxChecks() {
		return checksWithin(maxAge());
	}

	/**
	 * The most checks this ladder makes while a payment is younger than {@code age}
	 * (inclusive).
	 * @param age the age
	 * @return the number of checks
	 */
	public int checksWithin(Duration age) {
		long limit = Math.min(age.toMillis(), maxAge().toMillis());
		long at = this.firstCheck.toMillis();
		int checks = 0;
		while (at <= limit) {
			checks++;
			at += intervalAt(at).toMillis();
		}
		return checks;
	}

	private Duration intervalAt(long ageMillis) {
		for (Rung rung : this.rungs) {
			if (ageMillis < rung.until().toMillis()) {
				return rung.every();
			}
		}
		return this.rungs.get(this.rungs.size() - 1).every();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("first check after ").append(this.firstCheck);
		for (Rung rung : this.rungs) {
			text.append(", every ").append(rung.every()).append(" until ").append(rung.until());
		}
		return text.append(" (at most ").append(maxChecks()).append(" checks)").toString();
	}

	/**
	 * One step of the ladder.
	 *
	 * @param until the age up to which this interval applies
	 * @param every the interval between checks
	 */
	public record Rung(Duration until, Duration every) {

		public Rung {
			if (until == null || until.isNegative() || until.isZero()) {
				throw new IllegalArgumentException("rung until must be positive, was " + until);
			}
			if (every == null || every.isNegative() || every.isZero()) {
				throw new IllegalArgumentException("rung every must be positive, was " + every);
			}
		}

	}

}
