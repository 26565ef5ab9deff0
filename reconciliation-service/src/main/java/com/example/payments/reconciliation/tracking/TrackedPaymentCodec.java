package com.example.payments.reconciliation.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.example.payments.reconciliation.domain.CommandKind;
import com.example.payments.reconciliation.domain.FactKind;
import com.example.payments.reconciliation.domain.FactSource;
import com.example.payments.reconciliation.domain.PendingCommand;
import com.example.payments.reconciliation.domain.RecordedFact;
import com.example.payments.reconciliation.domain.TrackedPayment;
import com.example.payments.reconciliation.domain.TrackedPayment.DueAction;
import com.example.payments.reconciliation.domain.TrackedState;

/**
 * The stored form of a {@link TrackedPayment}: a version byte, then variable-length
 * integers (times as epoch millis), event ids as 16 bytes when they are UUIDs (they are,
 * from {@code PaymentEventIds}), strings as length and UTF-8. A few dozen bytes per open
 * payment, so a million of them fit a small RocksDB and a quick changelog restore.
 * <p>
 * Enum values are written by position: new values go at the end of their enum. A change
 * of layout takes a new version number; {@link #decode} refuses versions it does not know
 * rather than misread them.
 */
public final class TrackedPaymentCodec {

	static final byte VERSION = 1;

	private static final int UUID_ID = 1;

	private static final int TEXT_ID = 0;

	private TrackedPaymentCodec() {
	}

	/**
	 * The stored form.
	 * @param payment the payment
	 * @return its bytes
	 */
	public static byte[] encode(TrackedPayment payment) {
		Writer out = new Writer();
		out.bytes.write(VERSION);
		out.signed(payment.openedAt());
		out.bool(payment.initiated());
		out.signed(payment.reservedAt());
		out.unsigned(payment.reservedAmount());
		out.unsigned(payment.capturedAmount());
		out.unsigned(payment.refundedAmount());
		out.bool(payment.released());
		out.unsigned((payment.ending() != null) ? payment.ending().ordinal() + 1 : 0);
		out.unsigned(payment.history().size());
		for (RecordedFact fact : payment.history()) {
			out.eventId(fact.eventId());
			out.unsigned(fact.kind().ordinal());
			out.unsigned(fact.source().ordinal());
			out.signed(fact.occurredAtMillis());
			out.signed(fact.recordedAtMillis() - fact.occurredAtMillis());
			out.unsigned(fact.amount());
			out.text(fact.commandId());
		}
		out.unsigned(payment.pendingCommands().size());
		for (PendingCommand command : payment.pendingCommands()) {
			out.text(command.commandId());
			out.unsigned(command.kind().ordinal());
			out.signed((command.amount() != null) ? command.amount() : -1);
			out.bool(command.express());
			out.signed(command.handedOverAtMillis());
		}
		out.unsigned(payment.handedOverIds().size());
		payment.handedOverIds().forEach(out::text);
		out.unsigned(payment.unconfirmedFacts().size());
		for (Map.Entry<String, Long> entry : payment.unconfirmedFacts().entrySet()) {
			out.eventId(entry.getKey());
			out.signed(entry.getValue());
		}
		out.bool(payment.checkAtOnce());
		out.unsigned(payment.nextAction().ordinal());
		out.signed(payment.nextDueAt());
		out.unsigned(payment.checkSequence());
		out.bool(payment.checkInFlight());
		out.unsigned(payment.checks());
		out.signed(payment.firstCheckAt());
		out.signed(payment.lastCheckAt());
		out.unsigned(payment.failures());
		out.unsigned(payment.remindersSent());
		out.bool(payment.conflictSeen());
		out.bool(payment.conflictReported());
		out.bool(payment.unresolved());
		out.bool(payment.captureWindowOver());
		out.signed(payment.closedAt());
		return out.bytes.toByteArray();
	}

	/**
	 * Read a stored payment.
	 * @param bytes its stored form
	 * @return the payment
	 * @throws IllegalArgumentException if the bytes are not a stored payment of a known
	 * version
	 */
	public static TrackedPayment decode(byte[] bytes) {
		try {
			return read(new Reader(bytes));
		}
		catch (BufferUnderflowException | IndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("Stored payment is truncated or malformed", ex);
		}
	}

	private static TrackedPayment read(Reader in) {
		byte version = in.buffer.get();
		if (version != VERSION) {
			throw new IllegalArgumentException("Unknown stored payment version " + version + " (this build reads "
					+ VERSION + "); a newer build wrote it");
		}
		TrackedPayment.Restorer restorer = new TrackedPayment.Restorer();
		long openedAt = in.signed();
		boolean initiated = in.bool();
		long reservedAt = in.signed();
		long reservedAmount = in.unsigned();
		long capturedAmount = in.unsigned();
		long refundedAmount = in.unsigned();
		boolean released = in.bool();
		int ending = (int) in.unsigned();
		restorer.amounts(openedAt, initiated, reservedAt, reservedAmount, capturedAmount, refundedAmount, released,
				(ending == 0) ? null : TrackedState.values()[ending - 1]);
		long facts = in.unsigned();
		for (long i = 0; i < facts; i++) {
			String eventId = in.eventId();
			FactKind kind = FactKind.values()[(int) in.unsigned()];
			FactSource source = FactSource.values()[(int) in.unsigned()];
			long occurredAt = in.signed();
			long recordedAt = occurredAt + in.signed();
			restorer.fact(new RecordedFact(eventId, kind, source, occurredAt, recordedAt, in.unsigned(), in.text()));
		}
		long pending = in.unsigned();
		for (long i = 0; i < pending; i++) {
			String commandId = in.text();
			CommandKind kind = CommandKind.values()[(int) in.unsigned()];
			long amount = in.signed();
			restorer
				.pending(new PendingCommand(commandId, kind, (amount >= 0) ? amount : null, in.bool(), in.signed()));
		}
		long handedOver = in.unsigned();
		for (long i = 0; i < handedOver; i++) {
			restorer.handedOver(in.text());
		}
		long unconfirmed = in.unsigned();
		for (long i = 0; i < unconfirmed; i++) {
			restorer.unconfirmed(in.eventId(), in.signed());
		}
		boolean checkAtOnce = in.bool();
		DueAction nextAction = DueAction.values()[(int) in.unsigned()];
		restorer.checks(checkAtOnce, nextAction, in.signed(), (int) in.unsigned(), in.bool(), (int) in.unsigned(),
				in.signed(), in.signed(), (int) in.unsigned());
		restorer.outcome((int) in.unsigned(), in.bool(), in.bool(), in.bool(), in.bool(), in.signed());
		if (in.buffer.hasRemaining()) {
			throw new IllegalArgumentException("Stored payment has " + in.buffer.remaining() + " bytes too many");
		}
		return restorer.restore();
	}

	private static final class Writer {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);

		void unsigned(long value) {
			long rest = value;
			while ((rest & ~0x7FL) != 0) {
				this.bytes.write((int) ((rest & 0x7F) | 0x80));
				rest >>>= 7;
			}
			this.bytes.write((int) rest);
		}

		void signed(long value) {
			unsigned((value << 1) ^ (value >> 63));
		}

		void bool(boolean value) {
			this.bytes.write(value ? 1 : 0);
		}

		void text(String value) {
			if (value == null) {
				signed(-1);
				return;
			}
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			signed(utf8.length);
			this.bytes.writeBytes(utf8);
		}

		void eventId(String eventId) {
			UUID uuid = asUuid(eventId);
			if (uuid == null) {
				this.bytes.write(TEXT_ID);
				text(eventId);
				return;
			}
			this.bytes.write(UUID_ID);
			this.bytes.writeBytes(ByteBuffer.allocate(16)
				.putLong(uuid.getMostSignificantBits())
				.putLong(uuid.getLeastSignificantBits())
				.array());
		}

		// Only the canonical lower-case form, so that decoding gives back the same text.
		private static UUID asUuid(String id) {
			if (id.length() != 36) {
				return null;
			}
			try {
				UUID uuid = UUID.fromString(id);
				return uuid.toString().equals(id) ? uuid : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	private static final class Reader {

		private final ByteBuffer buffer;

		Reader(byte[] bytes) {
			this.buffer = ByteBuffer.wrap(bytes);
		}

		long unsigned() {
			long value = 0;
			int shift = 0;
			while (true) {
				byte next = this.buffer.get();
				value |= (long) (next & 0x7F) << shift;
				if ((next & 0x80) == 0) {
					return value;
				}
				shift += 7;
				if (shift > 63) {
					throw new IllegalArgumentException("Stored payment has a malformed number");
				}
			}
		}

		long signed() {
			long raw = unsigned();
			return (raw >>> 1) ^ -(raw & 1);
		}

		boolean bool() {
			return this.buffer.get() != 0;
		}

		String text() {
			int length = (int) signed();
			if (length < 0) {
				return null;
			}
			byte[] utf8 = new byte[length];
			this.buffer.get(utf8);
			return new String(utf8, StandardCharsets.UTF_8);
		}

		String eventId() {
			int form = this.buffer.get();
			if (form == TEXT_ID) {
				return text();
			}
			return new UUID(this.buffer.getLong(), this.buffer.getLong()).toString();
		}

	}

}
