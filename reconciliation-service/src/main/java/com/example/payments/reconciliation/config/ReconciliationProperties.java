package com.example.payments.reconciliation.config;

import java.time.Duration;
import java.util.List;

import com.example.payments.reconciliation.domain.CheckLadder;
import com.example.payments.reconciliation.domain.CheckLadder.Rung;
import com.example.payments.reconciliation.domain.CheckSchedule;
import com.example.payments.reconciliation.domain.ReservationReminder;
import com.example.payments.reconciliation.polling.PollerSettings;
import com.example.payments.reconciliation.tracking.ReconciliationTopology;
import com.example.payments.reconciliation.tracking.TrackerSettings;
import com.example.payments.schema.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation's configuration ({@code reconciliation.*}); every value has a default,
 * listed in the module README. Invalid values fail the start with a message naming the
 * property.
 *
 * @param topics the events and commands topics
 * @param ladders when payments are checked
 * @param callbackGrace how long a fact a callback could bring (reservation, rejection,
 * direct capture, shipping, profile) is given after {@code /details} first shows it,
 * before reconciliation publishes it
 * @param retention how long a payment is kept for queries after reconciliation stopped
 * checking it
 * @param reservationReminders reservation ageing reminders, by increasing age
 * @param details the {@code /details} budgets
 * @param tracker the punctuator
 * @param query the query API
 */
@ConfigurationProperties("reconciliation")
public record ReconciliationProperties(@DefaultValue TopicNames topics, @DefaultValue Ladders ladders,
		@DefaultValue("5s") Duration callbackGrace, @DefaultValue("30d") Duration retention,
		List<ReservationReminder> reservationReminders, @DefaultValue Details details, @DefaultValue Tracker tracker,
		@DefaultValue Query query) {

	/** Vipps' polling guidance: the first check 5 s after initiation, then every 2 s. */
	static final CheckLadder DEFAULT_USER_WINDOW = new CheckLadder(Duration.ofSeconds(5),
			List.of(new Rung(Duration.ofSeconds(630), Duration.ofSeconds(2)),
					new Rung(Duration.ofHours(1), Duration.ofMinutes(1)),
					new Rung(Duration.ofHours(24), Duration.ofMinutes(15))));

	static final CheckLadder DEFAULT_RESERVATION = new CheckLadder(Duration.ofMinutes(15),
			List.of(new Rung(Duration.ofHours(1), Duration.ofMinutes(15)),
					new Rung(Duration.ofDays(7), Duration.ofHours(6)),
					new Rung(Duration.ofDays(180), Duration.ofDays(1))));

	static final CheckLadder DEFAULT_COMMAND = new CheckLadder(Duration.ZERO,
			List.of(new Rung(Duration.ofMinutes(2), Duration.ofSeconds(2)),
					new Rung(Duration.ofHours(1), Duration.ofMinutes(1)),
					new Rung(Duration.ofHours(24), Duration.ofMinutes(15))));

	static final List<ReservationReminder> DEFAULT_REMINDERS = List.of(
			new ReservationReminder(Duration.ofDays(5), "BANK_RESERVATION", Duration.ofDays(7)),
			new ReservationReminder(Duration.ofDays(25), "BANK_RESERVATION", Duration.ofDays(30)),
			new ReservationReminder(Duration.ofDays(170), "CAPTURE", Duration.ofDays(180)));

	public ReconciliationProperties {
		reservationReminders = (reservationReminders != null) ? List.copyOf(reservationReminders) : DEFAULT_REMINDERS;
		for (ReservationReminder reminder : reservationReminders) {
			require(List.of("BANK_RESERVATION", "CAPTURE", "CANCEL").contains(reminder.deadline()),
					"reservation-reminders[].deadline", "must be BANK_RESERVATION, CAPTURE or CANCEL",
					reminder.deadline());
		}
		require(callbackGrace != null && !callbackGrace.isNegative(), "callback-grace", "must not be negative",
				callbackGrace);
		require(retention != null && !retention.isNegative(), "retention", "must not be negative", retention);
		try {
			schedule(ladders, callbackGrace, retention, reservationReminders, details);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("reconciliation." + ex.getMessage(), ex);
		}
	}

	/**
	 * The check schedule these properties describe.
	 * @return the schedule
	 */
	public CheckSchedule schedule() {
		return schedule(this.ladders, this.callbackGrace, this.retention, this.reservationReminders, this.details);
	}

	private static CheckSchedule schedule(Ladders ladders, Duration callbackGrace, Duration retention,
			List<ReservationReminder> reminders, Details details) {
		return new CheckSchedule(ladders.userWindow(), ladders.reservation(), ladders.command(), callbackGrace,
				Duration.ofMillis((Duration.ofMinutes(1).toMillis() + details.perOrderCallsPerMinute() - 1)
						/ details.perOrderCallsPerMinute()),
				retention, reminders);
	}

	/**
	 * The topics, as the topology takes them.
	 * @return the topics
	 */
	public ReconciliationTopology.Topics topicNames() {
		return new ReconciliationTopology.Topics(this.topics.events(), this.topics.commands());
	}

	/**
	 * The tracker's settings.
	 * @return the settings
	 */
	public TrackerSettings trackerSettings() {
		return new TrackerSettings(this.tracker.tickInterval(), this.tracker.checkTimeout(),
				this.tracker.maxChecksPerTick(), this.tracker.maxPurgesPerTick(), this.tracker.backlogInterval());
	}

	/**
	 * The poller's settings.
	 * @return the settings
	 */
	public PollerSettings pollerSettings() {
		return new PollerSettings(this.details.perMsnCallsPerMinute(), this.details.perMsnConcurrency(),
				this.details.maxInFlight(), this.details.barrierTimeout(), this.details.barrierPollInterval());
	}

	private static void require(boolean valid, String name, String rule, Object value) {
		if (!valid) {
			throw new IllegalArgumentException("reconciliation." + name + " " + rule + ", was " + value);
		}
	}

	/**
	 * The topics.
	 *
	 * @param events the payment events, read and written
	 * @param commands the payment commands, read (co-partitioned with the events)
	 */
	public record TopicNames(@DefaultValue(Topics.PAYMENT_EVENTS) String events,
			@DefaultValue(Topics.PAYMENT_COMMANDS) String commands) {

	}

	/**
	 * The check ladders; a ladder not configured takes its default.
	 *
	 * @param userWindow initiated payments, from the initiation
	 * @param reservation reservations with money left to capture, from the reservation
	 * @param command commands the command service handed over, and lost initiate URLs,
	 * from that moment
	 */
	public record Ladders(CheckLadder userWindow, CheckLadder reservation, CheckLadder command) {

		public Ladders {
			userWindow = (userWindow != null) ? userWindow : DEFAULT_USER_WINDOW;
			reservation = (reservation != null) ? reservation : DEFAULT_RESERVATION;
			command = (command != null) ? command : DEFAULT_COMMAND;
		}

	}

	/**
	 * The {@code /details} budgets and the wait for the tracker's state.
	 *
	 * @param perOrderCallsPerMinute Vipps' limit per order and minute (the least spacing
	 * of two checks of an order follows from it)
	 * @param perMsnCallsPerMinute the most calls per sales unit in any minute (per
	 * instance)
	 * @param perMsnConcurrency the most calls of one sales unit in flight
	 * @param maxInFlight the most calls in flight in all
	 * @param barrierTimeout how long an answer waits for the tracker to have read every
	 * record written before it
	 * @param barrierPollInterval how often that wait looks at the committed offsets
	 */
	public record Details(@DefaultValue("120") int perOrderCallsPerMinute,
			@DefaultValue("3000") int perMsnCallsPerMinute, @DefaultValue("16") int perMsnConcurrency,
			@DefaultValue("256") int maxInFlight, @DefaultValue("10s") Duration barrierTimeout,
			@DefaultValue("50ms") Duration barrierPollInterval) {

		public Details {
			require(perOrderCallsPerMinute >= 1 && perOrderCallsPerMinute <= 120, "details.per-order-calls-per-minute",
					"must be between 1 and Vipps' limit of 120", perOrderCallsPerMinute);
			require(perMsnCallsPerMinute >= 1, "details.per-msn-calls-per-minute", "must be at least 1",
					perMsnCallsPerMinute);
			require(perMsnConcurrency >= 1, "details.per-msn-concurrency", "must be at least 1", perMsnConcurrency);
			require(maxInFlight >= 1, "details.max-in-flight", "must be at least 1", maxInFlight);
			require(barrierTimeout != null && barrierTimeout.toMillis() >= 1, "details.barrier-timeout",
					"must be positive", barrierTimeout);
			require(barrierPollInterval != null && barrierPollInterval.toMillis() >= 1, "details.barrier-poll-interval",
					"must be positive", barrierPollInterval);
		}

	}

	/**
	 * The tracker's punctuator.
	 *
	 * @param tickInterval how often it applies results and hands out due checks
	 * @param checkTimeout a check's lease: handed out again when no result came back by
	 * then (longer than the client's read timeout plus the barrier timeout)
	 * @param maxChecksPerTick the most checks one task hands out per tick
	 * @param maxPurgesPerTick the most closed payments one task forgets per tick
	 * @param backlogInterval how often a task counts its due backlog for the gauge
	 */
	public record Tracker(@DefaultValue("100ms") Duration tickInterval, @DefaultValue("30s") Duration checkTimeout,
			@DefaultValue("1000") int maxChecksPerTick, @DefaultValue("1000") int maxPurgesPerTick,
			@DefaultValue("10s") Duration backlogInterval) {

		public Tracker {
			try {
				new TrackerSettings(tickInterval, checkTimeout, maxChecksPerTick, maxPurgesPerTick, backlogInterval);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("reconciliation.tracker: " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * The query API.
	 *
	 * @param advertisedHost the host other instances reach this one at (with
	 * {@code server.port}: Kafka Streams' {@code application.server}); in Kubernetes the
	 * pod IP
	 */
	public record Query(@DefaultValue("localhost") String advertisedHost) {

	}

}
